{% macro nested_with_parent_key(base_model, parent_model, parent_columns, link='root') -%}
    {#- A staging model for a nested table: its base model's rows with the parent's key and
        load time. dlt links a nested row to its root row (`_dlt_root_id`, renamed
        root_dlt_id) and, for a list inside a nested row, to that row (`_dlt_parent_id`,
        renamed parent_dlt_id). -#}
with

nested as (

    select * from {{ ref(base_model) }}

),

parents as (

    select dlt_id, {{ parent_columns | join(', ') }}, loaded_at from {{ ref(parent_model) }}

),

with_parent_key as (

    select
        {%- for column in parent_columns %}
        parents.{{ column }},
        {%- endfor %}
        nested.*,
        parents.loaded_at

    from nested
    inner join parents
        on nested.{{ link }}_dlt_id = parents.dlt_id

)

select * from with_parent_key
{%- endmacro %}
