{% macro common_columns(remote_id_parts, loaded_at, is_deleted, created_at='null', updated_at='null') -%}
    {#- The six columns every published table starts with, as snake_case; the mirror id comes
        from `cross_join_account()`, which the model's FROM clause must include. -#}
        {{ remote_id(remote_id_parts) }} as remote_id,
        {{ loaded_at }} as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        {{ is_deleted }} as is_deleted,
        {{ created_at }} as when_created,
        {{ updated_at }} as when_modified
{%- endmacro %}

{% macro cross_join_account() -%}
    {#- The loaded account's one row, whose mirror id every published row carries. -#}
    cross join (select mirror_remote_id from {{ ref('stg_freshdesk__account') }}) as account
{%- endmacro %}
