with

source as (

    select * from {{ source('freshdesk', 'contacts__other_companies') }}

),

renamed as (

    select
        company_id,
        view_all_tickets,
        _dlt_root_id     as root_dlt_id,
        _dlt_list_idx    as list_index

    from source

)

select * from renamed
