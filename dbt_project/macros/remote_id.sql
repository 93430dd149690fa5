{% macro remote_id(parts) -%}
    {#- One part: the id as text. Several: the parts as text joined with ':' ("42:vip"). -#}
    {%- set texts = [] -%}
    {%- for part in parts -%}
        {%- if not loop.first -%}{%- do texts.append("':'") -%}{%- endif -%}
        {%- do texts.append(dbt.cast(part, dbt.type_string())) -%}
    {%- endfor -%}
    {%- if texts | length == 1 -%}
        {{ texts[0] }}
    {%- else -%}
        {{ dbt.concat(texts) }}
    {%- endif -%}
{%- endmacro %}
