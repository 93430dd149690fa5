with

products as (

    select * from {{ ref('int_freshdesk__products') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['products.product_id']) }} as remote_id,
        products.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        products.is_deleted as is_deleted,
        products.created_at as when_created,
        products.updated_at as when_modified,
        products.product_id as id,
        products.name as name,
        products.description as description,
        products.created_at as created_at,
        products.updated_at as updated_at

    from products
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(id as {{ dbt.type_bigint() }}) as "ID",
        cast(name as {{ dbt.type_string() }}) as "Name",
        cast(description as {{ dbt.type_string() }}) as "Description",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt"

    from prepared

)

select * from final
