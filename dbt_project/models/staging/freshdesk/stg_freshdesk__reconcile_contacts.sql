with

source as (

    select * from {{ source('freshdesk', 'reconcile_contacts') }}

),

renamed as (

    select
        id           as contact_id,
        _dlt_id      as dlt_id,
        _dlt_load_id as dlt_load_id,
        {{ dlt_load_id_to_timestamp('_dlt_load_id') }} as loaded_at

    from source

)

select * from renamed
