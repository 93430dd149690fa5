-- The SLA policy that applies to each live ticket, as Freshdesk picks it: the active,
-- non-default policies in `Position` order, the first whose every condition matches (a policy
-- lists companies, groups, products, sources and ticket types; within one list any value
-- matches, across lists all must); the default policy when none does. Judged on the ticket as
-- it stands now (Freshdesk re-applies the policy when those fields change).

with

tickets as (

    select "ID" as ticket_id, "CompanyID", "GroupID", "ProductID", "Source", "Type"
    from {{ ref('ticket') }}
    where not "IsDeleted" and not coalesce("Spam", false)

),

policies as (

    select "ID" as sla_policy_id, "Position" as position, "IsDefault" as is_default
    from {{ ref('sla_policy') }}
    where not "IsDeleted" and coalesce("Active", true)

),

{%- set conditions = [
    ('company', 'sla_policy_applicable_to_company', '"CompanyID"'),
    ('group', 'sla_policy_applicable_to_group', '"GroupID"'),
    ('product', 'sla_policy_applicable_to_product', '"ProductID"'),
    ('source', 'sla_policy_applicable_to_source', '"SourceID"'),
    ('ticket_type', 'sla_policy_applicable_to_ticket_type', '"TicketType"'),
] %}

policy_conditions as (

    {%- for dimension, model, column in conditions %}
    select "SLAPolicyID" as sla_policy_id, '{{ dimension }}' as dimension,
        cast({{ column }} as {{ dbt.type_string() }}) as value
    from {{ ref(model) }}
    where not "IsDeleted"
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

{%- set ticket_columns = {'company': '"CompanyID"', 'group': '"GroupID"', 'product': '"ProductID"',
                          'source': '"Source"', 'ticket_type': '"Type"'} %}

ticket_values as (

    {%- for dimension, model, column in conditions %}
    select ticket_id, '{{ dimension }}' as dimension,
        cast({{ ticket_columns[dimension] }} as {{ dbt.type_string() }}) as value
    from tickets
    where {{ ticket_columns[dimension] }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

policy_dimensions as (

    select sla_policy_id, count(distinct dimension) as dimensions
    from policy_conditions
    group by sla_policy_id

),

matched_dimensions as (

    select ticket_values.ticket_id, policy_conditions.sla_policy_id,
        count(distinct policy_conditions.dimension) as dimensions
    from ticket_values
    inner join policy_conditions
        on ticket_values.dimension = policy_conditions.dimension
        and ticket_values.value = policy_conditions.value
    group by ticket_values.ticket_id, policy_conditions.sla_policy_id

),

matching as (

    select
        tickets.ticket_id,
        policies.sla_policy_id,
        row_number() over (
            partition by tickets.ticket_id order by policies.position, policies.sla_policy_id
        ) as rank_in_order

    from tickets
    cross join policies
    left join policy_dimensions
        on policies.sla_policy_id = policy_dimensions.sla_policy_id
    left join matched_dimensions
        on tickets.ticket_id = matched_dimensions.ticket_id
        and policies.sla_policy_id = matched_dimensions.sla_policy_id
    where not policies.is_default
        and coalesce(matched_dimensions.dimensions, 0) = coalesce(policy_dimensions.dimensions, 0)

),

default_policy as (

    select min(sla_policy_id) as sla_policy_id from policies where is_default

)

select
    tickets.ticket_id,
    coalesce(matching.sla_policy_id, default_policy.sla_policy_id) as sla_policy_id

from tickets
cross join default_policy
left join matching
    on tickets.ticket_id = matching.ticket_id
    and matching.rank_in_order = 1
