-- Conversations domain and ingestion API: API keys, inbox columns and indexes.

-- API keys: only a SHA-256 of the key is stored. Keys are 32 random bytes (256 bits of entropy), so a fast
-- hash cannot be brute-forced and needs no salt or slow KDF (bcrypt would cost ~100 ms on every API call).
create table api_keys (
    id           uuid primary key,
    customer_id  uuid not null references customers (id) on delete cascade,
    name         text not null check (char_length(name) between 1 and 100),
    key_prefix   text not null,
    key_hash     text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    created_by   text not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_keys_customer_idx on api_keys (customer_id, created_at);

alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy tenant_isolation on api_keys
    using (customer_id = app_current_customer() or app_platform_access())
    with check (customer_id = app_current_customer() or app_platform_access());

-- Inbox: the oldest customer message an agent has not answered yet (null: nobody waits), kept by the
-- application on every message; and a sortable priority.
alter table conversations add column waiting_since timestamptz;
alter table conversations add column priority_rank smallint generated always as (
    case priority when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end) stored;

update conversations c
   set waiting_since = (select min(m.created_at) from messages m
                         where m.conversation_id = c.id and m.author_type = 'contact' and not m.internal
                           and m.created_at > coalesce(c.last_agent_message_at, '-infinity'::timestamptz));

-- open + pending is what the inbox shows by default; the partial indexes serve its three sorts and scopes
create index conversations_inbox_waiting_idx on conversations (customer_id, waiting_since, updated_at desc, id)
    where status in ('open', 'pending');
create index conversations_inbox_assignee_idx on conversations (customer_id, assignee_id, waiting_since)
    where status in ('open', 'pending');
create index conversations_inbox_priority_idx on conversations (customer_id, priority_rank desc, waiting_since, updated_at desc, id)
    where status in ('open', 'pending');
create index conversations_updated_idx on conversations (customer_id, updated_at desc, id);
-- the API lists conversations changed since a point in time
create index conversations_customer_status_updated_idx on conversations (customer_id, status, updated_at desc, id);

grant select, insert, update, delete on api_keys to ${appRole};
