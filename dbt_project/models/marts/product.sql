with

products as (

    select * from {{ ref('int_freshdesk__products_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['products.product_id'],
            loaded_at='products.loaded_at',
            is_deleted='products.is_deleted',
            created_at='products.created_at',
            updated_at='products.updated_at'
        ) }},
        products.product_id as id,
        products.name as name,
        products.description as description,
        products.created_at as created_at,
        products.updated_at as updated_at

    from products
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
