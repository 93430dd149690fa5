{% macro is_absent_from_latest_read(loaded_at, partition_by=none) -%}
    {#- A full re-read rewrites every row the API still returns, so a row whose load is
        older than the newest one (in its table, or in its partition) was not returned. -#}
    ({{ loaded_at }} < max({{ loaded_at }}) over (
        {%- if partition_by %}partition by {{ partition_by }}{% endif -%}
    ))
{%- endmacro %}
