{% macro with_reconciled_deletion_state(relation, reconciliation, id_column) -%}
    {#- The rows of `relation` (an incrementally loaded table: tickets, contacts) with
        `is_deleted`: flagged deleted by Freshdesk, or hard-deleted, i.e. loaded before the
        latest reconciliation listing and absent from it. -#}
    select
        {{ relation }}.*,
        (
            coalesce({{ relation }}.deleted, false)
            or coalesce(
                {{ relation }}.loaded_at < latest_reconciliation.reconciled_at
                and reconciled.{{ id_column }} is null,
                false
            )
        ) as is_deleted

    from {{ relation }}
    -- the latest listing; none yet (an empty table) means nothing is hard-deleted
    cross join (
        select max(loaded_at) as reconciled_at from {{ reconciliation }}
    ) as latest_reconciliation
    -- the ids the latest listing returned (the table keeps every id ever listed, with the
    -- listing that last saw it)
    left join (
        select distinct listed.{{ id_column }}
        from {{ reconciliation }} as listed
        where listed.loaded_at = (select max(loaded_at) from {{ reconciliation }})
    ) as reconciled
        on {{ relation }}.{{ id_column }} = reconciled.{{ id_column }}
{%- endmacro %}
