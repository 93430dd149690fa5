with

source as (

    select * from {{ source('freshdesk', 'account') }}

),

renamed as (

    select
        mirror_remote_id,
        domain,
        base_url,
        is_sandbox,
        loaded_at

    from source

)

select * from renamed
