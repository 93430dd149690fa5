{% macro with_placeholder_rows(relation, id_column, entity_name) -%}
    {#- The rows of `relation` plus one row per id of `entity_name` that some table references
        but the API no longer returns: the id, the latest load that saw the reference,
        is_deleted and is_placeholder true, every other column null. -#}
    select *
    from (select *, false as is_placeholder from {{ relation }}) as records
    -- the placeholder ids are absent from the relation by construction, so the join never
    -- matches: it appends them. In a full join USING yields, for each listed column, the value
    -- of whichever side has the row.
    full outer join (
        select
            id as {{ id_column }},
            loaded_at,
            true as is_deleted,
            true as is_placeholder
        from {{ ref('int_freshdesk__missing_referenced_ids') }}
        where entity_name = '{{ entity_name }}'
    ) as placeholders
        using ({{ id_column }}, loaded_at, is_deleted, is_placeholder)
{%- endmacro %}
