{% macro renamed_nested_source(table, columns) -%}
    {#- A base model for a nested raw table: the listed columns (select items, e.g.
        "value as email") and dlt's links, named the staging way. -#}
with

source as (

    select * from {{ source('freshdesk', table) }}

),

renamed as (

    select
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        _dlt_id        as dlt_id,
        _dlt_parent_id as parent_dlt_id,
        _dlt_root_id   as root_dlt_id,
        _dlt_list_idx  as list_index

    from source

)

select * from renamed
{%- endmacro %}
