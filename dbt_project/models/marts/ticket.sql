with

tickets as (

    select * from {{ ref('int_freshdesk__tickets_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['tickets.ticket_id'],
            loaded_at='tickets.loaded_at',
            is_deleted='tickets.is_deleted',
            created_at='tickets.created_at',
            updated_at='tickets.updated_at'
        ) }},
        tickets.ticket_id as id,
        tickets.requester_name as name,
        tickets.description as description,
        tickets.created_at as created_at,
        tickets.updated_at as updated_at,
        tickets.company_id as company_id,
        tickets.deleted as deleted,
        tickets.description_text as description_text,
        tickets.due_by as due_by,
        tickets.requester_email as email,
        tickets.email_config_id as email_config_id,
        tickets.facebook_id as facebook_id,
        tickets.fr_due_by as fr_due_by,
        tickets.fr_escalated as fr_escalated,
        tickets.group_id as group_id,
        tickets.is_escalated as is_escalated,
        tickets.requester_phone as phone,
        tickets.priority as priority,
        tickets.product_id as product_id,
        tickets.requester_id as requester_id,
        tickets.responder_id as responder_id,
        tickets.source as source,
        tickets.spam as spam,
        tickets.status as status,
        tickets.subject as subject,
        tickets.twitter_id as twitter_id,
        tickets.type as type

    from tickets
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
