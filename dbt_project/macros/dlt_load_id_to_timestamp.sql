{% macro dlt_load_id_to_timestamp(load_id) -%}
    {{ return(adapter.dispatch('dlt_load_id_to_timestamp', 'freshdesk_warehouse')(load_id)) }}
{%- endmacro %}

{% macro default__dlt_load_id_to_timestamp(load_id) -%}
    to_timestamp(cast({{ load_id }} as double precision))
{%- endmacro %}

{% macro duckdb__dlt_load_id_to_timestamp(load_id) -%}
    to_timestamp(cast({{ load_id }} as double))
{%- endmacro %}
