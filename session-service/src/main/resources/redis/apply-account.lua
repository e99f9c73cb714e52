-- Applies one account event to the account's state, only if it is newer than what is held.
-- KEYS[1] = account:<id>; ARGV[1] = the event's sequence; ARGV[2..] = field, value pairs.
-- Returns 1 when applied, 0 when the state already holds this or a later event.
local held = tonumber(redis.call('HGET', KEYS[1], 'seq') or '-1')
local sequence = tonumber(ARGV[1])
if held >= sequence then
  return 0
end
local fields = {'seq', ARGV[1]}
for i = 2, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
return 1
