with

source as (

    select * from {{ source('freshdesk_calendars', 'business_hours') }}

),

renamed as (

    select
        id                            as business_calendar_id,
        name,
        description,
        time_zone,
        is_default,
        created_at,
        updated_at,
        {%- for day in ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] %}
        business_hours__{{ day }}__start_time as {{ day }}_start_time,
        business_hours__{{ day }}__end_time   as {{ day }}_end_time,
        {%- endfor %}
        _dlt_load_id                  as dlt_load_id,
        {{ dlt_load_id_to_timestamp('_dlt_load_id') }} as loaded_at

    from source

)

select * from renamed
