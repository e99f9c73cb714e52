-- Applies one subscription event to the plan of the account it bills.
-- KEYS[1] = the pointer naming session-plans' serving generation (session-plans:generation; absent
-- means 1). Generation 1 keeps the plan in the account's hash account:<accountId> and each
-- subscription's last applied sequence in subscription:<id>; generation N in plan:g<N>:<accountId>
-- and subscription:g<N>:<id>. Read here, in the same script as the write, so a switch is atomic.
-- ARGV[1] = account id, ARGV[2] = the generation to write, or '' for the serving one,
-- ARGV[3] = subscription id, ARGV[4] = the event's sequence in the subscription,
-- ARGV[5] = its global index in the event store, ARGV[6] = plan id, ARGV[7] = the plan's limit
-- per window ('' after a cancellation: the default plan's limit applies).
-- A subscription's own events apply in sequence order (plan-sub, plan-seq); between two
-- subscriptions of one account the later one in the event store's total order wins (plan-index).
-- Returns 1 when applied, 0 when the event is a repeat or older than what the account holds.
local generation = ARGV[2]
if generation == '' then
  generation = redis.call('GET', KEYS[1]) or '1'
end
local plan, subscription = 'account:' .. ARGV[1], 'subscription:' .. ARGV[3]
if generation ~= '1' then
  plan = 'plan:g' .. generation .. ':' .. ARGV[1]
  subscription = 'subscription:g' .. generation .. ':' .. ARGV[3]
end
local sequence, index = tonumber(ARGV[4]), tonumber(ARGV[5])
local applied = tonumber(redis.call('GET', subscription) or '-1')
if applied >= sequence then
  return 0
end
redis.call('SET', subscription, ARGV[4])
local held = redis.call('HMGET', plan, 'plan-sub', 'plan-seq', 'plan-index')
if held[1] == ARGV[3] then
  if tonumber(held[2]) >= sequence then
    return 0
  end
elseif held[3] and tonumber(held[3]) > index then
  return 0
end
redis.call('HSET', plan, 'plan', ARGV[6], 'plan-sub', ARGV[3], 'plan-seq', ARGV[4], 'plan-index', ARGV[5])
if ARGV[7] == '' then
  redis.call('HDEL', plan, 'plan-limit')
else
  redis.call('HSET', plan, 'plan-limit', ARGV[7])
end
return 1
