{#- Ids that published tables point at but that the API no longer returns (a deleted agent
    still set as responder, a hard-deleted contact still a requester, ...). Each one becomes
    a placeholder row with IsDeleted = true in the target table, so every documented
    relationship holds by construction. -#}

with

tickets as (

    select * from {{ ref('stg_freshdesk__tickets') }}

),

conversations as (

    select * from {{ ref('stg_freshdesk__ticket_conversations') }}

),

time_entries as (

    select * from {{ ref('stg_freshdesk__time_entries') }}

),

contacts as (

    select * from {{ ref('stg_freshdesk__contacts') }}

),

contact_other_companies as (

    select * from {{ ref('stg_freshdesk__contacts__other_companies') }}

),

groups as (

    select * from {{ ref('stg_freshdesk__groups') }}

),

group_agents as (

    select * from {{ ref('stg_freshdesk__groups__agent_ids') }}

),

mailboxes as (

    select * from {{ ref('stg_freshdesk__email_mailboxes') }}

),

sla_escalation_agents as (

    select * from {{ ref('int_freshdesk__sla_escalation_agents_resolved') }}

),

sla_companies as (

    select * from {{ ref('stg_freshdesk__sla_policies__companies') }}

),

sla_groups as (

    select * from {{ ref('stg_freshdesk__sla_policies__groups') }}

),

sla_products as (

    select * from {{ ref('stg_freshdesk__sla_policies__products') }}

),

agents as (

    select * from {{ ref('stg_freshdesk__agents') }}

),

companies as (

    select * from {{ ref('stg_freshdesk__companies') }}

),

products as (

    select * from {{ ref('stg_freshdesk__products') }}

),

references_to as (

    select 'agent' as entity_name, responder_id as id, loaded_at from tickets
    union all
    select 'agent', user_id, loaded_at from conversations where not coalesce(incoming, false)
    union all
    select 'agent', last_edited_user_id, loaded_at from conversations
    union all
    select 'agent', agent_id, loaded_at from time_entries
    union all
    select 'agent', escalate_to, loaded_at from groups
    union all
    select 'agent', agent_id, loaded_at from group_agents
    union all
    select 'agent', agent_id, loaded_at from sla_escalation_agents

    union all
    select 'contact', requester_id, loaded_at from tickets
    -- on an incoming customer message the author is the requester, a contact
    union all
    select 'contact', user_id, loaded_at from conversations where incoming

    union all
    select 'company', company_id, loaded_at from contacts
    union all
    select 'company', company_id, loaded_at from contact_other_companies
    union all
    select 'company', company_id, loaded_at from tickets
    union all
    select 'company', company_id, loaded_at from time_entries
    union all
    select 'company', company_id, loaded_at from sla_companies

    union all
    select 'group', group_id, loaded_at from tickets
    union all
    select 'group', group_id, loaded_at from mailboxes
    union all
    select 'group', group_id, loaded_at from sla_groups

    union all
    select 'product', product_id, loaded_at from tickets
    union all
    select 'product', product_id, loaded_at from mailboxes
    union all
    select 'product', product_id, loaded_at from sla_products

    union all
    select 'email_mailbox', email_config_id, loaded_at from tickets

    union all
    select 'ticket', ticket_id, loaded_at from time_entries
    union all
    select 'ticket', ticket_id, loaded_at from conversations

),

known as (

    select 'agent' as entity_name, agent_id as id from agents
    union all
    select 'contact', contact_id from contacts
    union all
    select 'company', company_id from companies
    union all
    select 'group', group_id from groups
    union all
    select 'product', product_id from products
    union all
    select 'email_mailbox', email_mailbox_id from mailboxes
    union all
    select 'ticket', ticket_id from tickets

),

missing as (

    select
        references_to.entity_name,
        references_to.id,
        max(references_to.loaded_at) as loaded_at

    from references_to
    left join known
        on references_to.entity_name = known.entity_name
        and references_to.id = known.id

    where references_to.id is not null
        and known.id is null

    group by references_to.entity_name, references_to.id

)

select * from missing
