with

source as (

    select * from {{ source('freshdesk', 'products') }}

),

renamed as (

    select
        id           as product_id,
        name,
        description,
        created_at,
        updated_at,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
