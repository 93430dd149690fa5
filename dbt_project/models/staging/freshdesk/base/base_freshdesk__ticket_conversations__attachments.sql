with

source as (

    select * from {{ source('freshdesk', 'ticket_conversations__attachments') }}

),

renamed as (

    select
        id             as attachment_id,
        name,
        content_type,
        size,
        created_at,
        updated_at,
        attachment_url,
        thumb_url,
        _dlt_root_id   as root_dlt_id,
        _dlt_list_idx  as list_index

    from source

)

select * from renamed
