with

source as (

    select * from {{ source('freshdesk', 'contacts__other_emails') }}

),

renamed as (

    select
        value         as email,
        _dlt_root_id  as root_dlt_id,
        _dlt_list_idx as list_index

    from source

)

select * from renamed
