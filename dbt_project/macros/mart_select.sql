{% macro record_select(relation, id_column, renames={}) -%}
    {#- A published table of records (tickets, agents, ...), one row per row of `relation`
        (aliased `record`): the common columns from its id, loaded_at, is_deleted, created_at
        and updated_at, `id` from the id column, the `renames`, and every other contract
        column by its snake_case name. -#}
    {%- set expressions = common_columns(
        remote_id_parts=['record.' ~ id_column],
        loaded_at='record.loaded_at',
        is_deleted='record.is_deleted',
        created_at='record.created_at',
        updated_at='record.updated_at'
    ) -%}
    {%- do expressions.update({'id': 'record.' ~ id_column}) -%}
    {%- do expressions.update(renames) -%}
    select {{ contract_columns('record', expressions) }}
    from {{ relation }} as record
    {{ cross_join_account() }}
{%- endmacro %}

{% macro child_select(rows, parent, key, parent_key=none, renames={}, one_row_per_key=false) -%}
    {#- A published table of a record's child rows (tags, targets, recipients, ...), each
        with its parent's deletion state: `rows` (aliased `child`) inner joined to `parent`
        on the parent's key. The common columns from `key` (the RemoteID's parts),
        the rows' loaded_at and the parent's is_deleted; `<parent>_remote_id` from the
        parent's key; the `renames`; every other contract column by its snake_case name. -#}
    {%- set parent_key = parent_key or key[0] -%}
    {%- if not parent_key.endswith('_id') -%}
        {{ exceptions.raise_compiler_error("child_select(): the parent key " ~ parent_key ~ " does not end in _id, so it names no <parent>_remote_id") }}
    {%- endif -%}
    {%- set remote_id_parts = [] -%}
    {%- for column in key -%}{%- do remote_id_parts.append('child.' ~ column) -%}{%- endfor -%}
    {%- set expressions = common_columns(
        remote_id_parts=remote_id_parts,
        loaded_at='child.loaded_at',
        is_deleted='parent.is_deleted'
    ) -%}
    {%- do expressions.update({
        parent_key[:-3] ~ '_remote_id': remote_id(['child.' ~ parent_key])
    }) -%}
    {%- do expressions.update(renames) -%}
    select {{ contract_columns('child', expressions) }}
    {%- if one_row_per_key %}
    from (
        -- a list can name a value twice: one row per key, from the latest load
        select {{ key | join(', ') }}, max(loaded_at) as loaded_at
        from {{ rows }}
        group by {{ key | join(', ') }}
    ) as child
    {%- else %}
    from {{ rows }} as child
    {%- endif %}
    inner join (select {{ parent_key }}, is_deleted from {{ parent }}) as parent
        on child.{{ parent_key }} = parent.{{ parent_key }}
    {{ cross_join_account() }}
{%- endmacro %}
