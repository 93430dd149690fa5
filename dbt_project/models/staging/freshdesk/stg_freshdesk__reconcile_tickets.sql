with

source as (

    select * from {{ source('freshdesk', 'reconcile_tickets') }}

),

renamed as (

    select
        id           as ticket_id,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
