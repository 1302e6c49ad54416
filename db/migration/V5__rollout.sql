-- Feature rollout (docs/decisions/007-feature-rollout.md). Platform-level tables: no customer_id column, so no
-- row-level security; customers are referred to by slug (the LaunchDarkly context key) inside the flag rows.
-- Only the rollout module reads or writes them, and only admins reach its write paths.

create table rollout_flags (
    feature_key   text primary key,
    flag_on       boolean not null default true,          -- false: the rollout page's kill switch
    percentage    integer not null default 0 check (percentage between 0 and 100),
    whitelist     text[] not null default '{}',            -- customer slugs served true (beta)
    blocklist     text[] not null default '{}',            -- customer slugs served false, before the rollout
    salt          text not null,                           -- fixed: raising the percentage never turns anyone off
    version       integer not null default 1,              -- LaunchDarkly item version, +1 per change
    ramp_paused   boolean not null default false,
    paused_reason text,
    updated_by    text not null,
    updated_at    timestamptz not null default now()
);

create table rollout_steps (
    id                  uuid primary key,
    feature_key         text not null references rollout_flags (feature_key) on delete cascade,
    percentage          integer not null check (percentage between 0 and 100),
    due_at              timestamptz not null,
    safeguard_threshold numeric(6, 3) not null check (safeguard_threshold >= 0), -- error rate in percent
    status              text not null default 'pending' check (status in ('pending', 'applied', 'paused', 'cancelled')),
    created_by          text not null,
    created_at          timestamptz not null default now(),
    applied_at          timestamptz
);
create index rollout_steps_due_idx on rollout_steps (status, due_at);

create table rollout_audit (
    id          uuid primary key,
    at          timestamptz not null default now(),
    actor       text not null,
    feature_key text not null,
    action      text not null,
    before      jsonb,
    after       jsonb,
    reason      text not null check (length(btrim(reason)) > 0)
);
create index rollout_audit_at_idx on rollout_audit (at desc);
