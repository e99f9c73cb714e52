-- One round trip per request: the session, its account's status and plan, the rate limit.
-- KEYS[1] = session key (session:<id>); ARGV: idle ttl s, now s, window s, default limit, default plan.
-- Returns {0} no session, {-1} account not active, else {1, accountId, role, limit, count, reset s}.
-- The limit: the account's plan limit as billing's events set it (plan-limit), else the configured
-- limit of its plan (or of the default plan) in plan-limits, else the default limit.
-- The account's status comes from session-state's serving generation, its plan from session-plans'
-- (pointers session-state:generation and session-plans:generation, absent = 1; see apply-*.lua).
local session = redis.call('HMGET', KEYS[1], 'accountId', 'role')
if not session[1] then
  return {0}
end
local state_generation = redis.call('GET', 'session-state:generation') or '1'
local plan_generation = redis.call('GET', 'session-plans:generation') or '1'
local state_key, plan_key = 'account:' .. session[1], 'account:' .. session[1]
if state_generation ~= '1' then
  state_key = 'account:g' .. state_generation .. ':' .. session[1]
end
if plan_generation ~= '1' then
  plan_key = 'plan:g' .. plan_generation .. ':' .. session[1]
end
local account = redis.call('HMGET', state_key, 'status', 'role')
if account[1] and account[1] ~= 'active' then
  return {-1}
end
local plan = redis.call('HMGET', plan_key, 'plan', 'plan-limit')
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
local limit = tonumber(plan[2] or redis.call('HGET', 'plan-limits', plan[1] or ARGV[5]) or ARGV[4])
local now, window = tonumber(ARGV[2]), tonumber(ARGV[3])
local start = now - (now % window)
local counter = 'rate:account:' .. session[1] .. ':' .. start
local count = redis.call('INCR', counter)
if count == 1 then
  redis.call('EXPIRE', counter, window + 1)
end
return {1, session[1], account[2] or session[2], limit, count, start + window - now}
