-- one ledger for every external AI call (issue 22): ai_usage gets the conversation a call was made for, the LLM
-- drafts' own ledger is folded into it and dropped, so the daily cost (omniops.ml_api.cost_daily) reads every call

-- the owner moves rows across tenants here: row-level security is forced on both tables, so lift the force for the
-- length of this migration (it runs in one transaction) and put it back at the end
alter table ai_usage no force row level security;
alter table suggestion_ai_usage no force row level security;

alter table ai_usage add column conversation_id uuid references conversations (id) on delete cascade;
create index ai_usage_conversation_idx on ai_usage (conversation_id);

-- since drafts were also written to ai_usage (feature response-suggestions), a draft call has a twin there: give the
-- twin its conversation; older calls that only the drafts' ledger has are copied
update ai_usage a
   set conversation_id = s.conversation_id
  from suggestion_ai_usage s
 where a.conversation_id is null and a.feature = 'response-suggestions'
   and a.customer_id = s.customer_id and a.model = s.model and a.outcome = s.outcome
   and a.prompt_tokens = s.prompt_tokens and a.completion_tokens = s.completion_tokens
   and a.created_at between s.created_at - interval '10 seconds' and s.created_at + interval '10 seconds';

insert into ai_usage (id, customer_id, conversation_id, feature, model, prompt_tokens, completion_tokens, cost_usd,
                      latency_ms, outcome, created_at)
select s.id, s.customer_id, s.conversation_id, 'response-suggestions', s.model, s.prompt_tokens, s.completion_tokens,
       s.cost_usd, s.latency_ms, s.outcome, s.created_at
  from suggestion_ai_usage s
 where not exists (select 1 from ai_usage a
                    where a.feature = 'response-suggestions' and a.customer_id = s.customer_id
                      and a.model = s.model and a.outcome = s.outcome
                      and a.prompt_tokens = s.prompt_tokens and a.completion_tokens = s.completion_tokens
                      and a.created_at between s.created_at - interval '10 seconds' and s.created_at + interval '10 seconds')
on conflict (id) do nothing;

drop table suggestion_ai_usage;

alter table ai_usage force row level security;
