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

),

parents as (

    select dlt_id, ticket_conversation_id, loaded_at from {{ ref('stg_freshdesk__ticket_conversations') }}

),

with_parent_key as (

    select
        parents.ticket_conversation_id,
        renamed.attachment_id,
        renamed.name,
        renamed.content_type,
        renamed.size,
        renamed.created_at,
        renamed.updated_at,
        renamed.attachment_url,
        renamed.thumb_url,
        renamed.list_index,
        parents.loaded_at

    from renamed
    inner join parents
        on renamed.root_dlt_id = parents.dlt_id

)

select * from with_parent_key
