with

source as (

    select * from {{ source('freshdesk', 'reconcile_contacts') }}

),

renamed as (

    select
        id           as contact_id,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
