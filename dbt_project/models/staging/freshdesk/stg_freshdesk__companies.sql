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
        _dlt_id      as dlt_id,
        _dlt_load_id as dlt_load_id,
        {{ dlt_load_id_to_timestamp('_dlt_load_id') }} as loaded_at

    from source

)

select * from renamed
