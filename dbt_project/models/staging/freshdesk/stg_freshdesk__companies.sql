with

source as (

    select * from {{ source('freshdesk', 'companies') }}

),

renamed as (

    select
        id           as company_id,
        name,
        description,
        note,
        created_at,
        updated_at,
        health_score,
        account_tier,
        renewal_date,
        industry,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
