with

source as (

    select * from {{ source('freshdesk', 'tickets') }}

),

renamed as (

    select
        id                            as ticket_id,
        subject,
        description,
        description_text,
        created_at,
        updated_at,
        company_id,
        deleted,
        spam,
        due_by,
        fr_due_by,
        fr_escalated,
        is_escalated,
        email_config_id,
        group_id,
        product_id,
        requester_id,
        responder_id,
        priority,
        source,
        status,
        type,
        facebook_id,
        twitter_id,
        association_type,
        support_email,
        requester__name               as requester_name,
        requester__email              as requester_email,
        requester__phone              as requester_phone,
        requester__mobile             as requester_mobile,
        stats__agent_responded_at     as stats_agent_responded_at,
        stats__requester_responded_at as stats_requester_responded_at,
        stats__first_responded_at     as stats_first_responded_at,
        stats__status_updated_at      as stats_status_updated_at,
        stats__reopened_at            as stats_reopened_at,
        stats__resolved_at            as stats_resolved_at,
        stats__closed_at              as stats_closed_at,
        stats__pending_since          as stats_pending_since,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
