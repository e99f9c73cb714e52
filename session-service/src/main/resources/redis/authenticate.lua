-- One round trip per request: the session, its account's status and plan, the rate limit.
-- KEYS[1] = session key (session:<id>); ARGV: idle ttl s, now s, window s, default limit, default plan.
-- Returns {0} no session, {-1} account not active, else {1, accountId, role, limit, count, reset s}.
-- The limit: the account's plan limit as billing's events set it (plan-limit), else the configured
-- limit of its plan (or of the default plan) in plan-limits, else the default limit.
local session = redis.call('HMGET', KEYS[1], 'accountId', 'role')
if not session[1] then
  return {0}
end
local account = redis.call('HMGET', 'account:' .. session[1], 'status', 'plan', 'role', 'plan-limit')
if account[1] and account[1] ~= 'active' then
  return {-1}
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
local limit = tonumber(account[4] or redis.call('HGET', 'plan-limits', account[2] or ARGV[5]) or ARGV[4])
local now, window = tonumber(ARGV[2]), tonumber(ARGV[3])
local start = now - (now % window)
local counter = 'rate:account:' .. session[1] .. ':' .. start
local count = redis.call('INCR', counter)
if count == 1 then
  redis.call('EXPIRE', counter, window + 1)
end
return {1, session[1], account[3] or session[2], limit, count, start + window - now}
