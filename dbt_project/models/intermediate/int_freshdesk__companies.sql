with

companies as (

    select * from {{ ref('stg_freshdesk__companies') }}

),

placeholders as (

    select id as company_id, loaded_at
    from {{ ref('int_freshdesk__placeholder_ids') }}
    where entity_name = 'company'

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from companies

),

-- placeholder ids are by construction absent from companies: the join only appends them
with_placeholders as (

    select
        coalesce(with_deletion_state.company_id, placeholders.company_id) as company_id,
        coalesce(with_deletion_state.loaded_at, placeholders.loaded_at) as loaded_at,
        coalesce(with_deletion_state.is_deleted, true) as is_deleted,
        placeholders.company_id is not null as is_placeholder,
        with_deletion_state.name,
        with_deletion_state.description,
        with_deletion_state.note,
        with_deletion_state.created_at,
        with_deletion_state.updated_at,
        with_deletion_state.health_score,
        with_deletion_state.account_tier,
        with_deletion_state.renewal_date,
        with_deletion_state.industry

    from with_deletion_state
    full outer join placeholders
        on with_deletion_state.company_id = placeholders.company_id

)

select * from with_placeholders
