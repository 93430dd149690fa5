with

products as (

    select * from {{ ref('stg_freshdesk__products') }}

),

placeholders as (

    select id as product_id, loaded_at
    from {{ ref('int_freshdesk__placeholder_ids') }}
    where entity_name = 'product'

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from products

),

-- placeholder ids are by construction absent from products: the join only appends them
with_placeholders as (

    select
        coalesce(with_deletion_state.product_id, placeholders.product_id) as product_id,
        coalesce(with_deletion_state.loaded_at, placeholders.loaded_at) as loaded_at,
        coalesce(with_deletion_state.is_deleted, true) as is_deleted,
        placeholders.product_id is not null as is_placeholder,
        with_deletion_state.name,
        with_deletion_state.description,
        with_deletion_state.created_at,
        with_deletion_state.updated_at

    from with_deletion_state
    full outer join placeholders
        on with_deletion_state.product_id = placeholders.product_id

)

select * from with_placeholders
