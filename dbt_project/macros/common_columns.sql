{% macro common_columns(remote_id_parts, loaded_at, is_deleted, created_at='null', updated_at='null') -%}
    {#- The six columns every published table starts with, as a dict of snake_case name -> SQL
        expression; the mirror id comes from `cross_join_account()`, which the FROM clause must
        include. -#}
    {{- return({
        'remote_id': remote_id(remote_id_parts),
        'when_upserted_into_data_store': loaded_at,
        'mirror_remote_id': 'account.mirror_remote_id',
        'is_deleted': is_deleted,
        'when_created': created_at,
        'when_modified': updated_at,
    }) -}}
{%- endmacro %}

{% macro cross_join_account() -%}
    {#- The loaded account's one row, whose mirror id every published row carries. -#}
    cross join (select mirror_remote_id from {{ ref('stg_freshdesk__account') }}) as account
{%- endmacro %}
