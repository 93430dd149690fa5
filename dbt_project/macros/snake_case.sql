{% macro snake_case(name) -%}
    {#- The word-for-word split of a documented PascalCase name: "TicketID" -> "ticket_id",
        "SLAPolicyID" -> "sla_policy_id", "WhenUpsertedIntoDataStore" -> "when_upserted_into_data_store". -#}
    {%- set acronyms_split = modules.re.sub('([A-Z]+)([A-Z][a-z])', '\\1_\\2', name) -%}
    {{- return(modules.re.sub('([a-z0-9])([A-Z])', '\\1_\\2', acronyms_split) | lower) -}}
{%- endmacro %}
