with

source as (

    select * from {{ source('freshdesk', 'contacts__other_phone_numbers') }}

),

renamed as (

    select
        value         as phone_number,
        label,
        _dlt_root_id  as root_dlt_id,
        _dlt_list_idx as list_index

    from source

)

select * from renamed
