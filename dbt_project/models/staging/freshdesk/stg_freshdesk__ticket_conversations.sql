with

source as (

    select * from {{ source('freshdesk', 'ticket_conversations') }}

),

renamed as (

    select
        id                  as ticket_conversation_id,
        ticket_id,
        body,
        body_text,
        incoming,
        private,
        source,
        category,
        support_email,
        from_email,
        user_id,
        created_at,
        updated_at,
        last_edited_at,
        last_edited_user_id,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
