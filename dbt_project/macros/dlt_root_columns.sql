{% macro dlt_root_columns() -%}
    {#- dlt's columns on a root raw table, named the staging way, and the load's time. -#}
    _dlt_id      as dlt_id,
        _dlt_load_id as dlt_load_id,
        {{ dlt_load_id_to_timestamp('_dlt_load_id') }} as loaded_at
{%- endmacro %}
