-- Applies one flag event: stores the flag's rule only if it is newer than the one held.
-- KEYS[1] = the flags hash (field = flag key, value = the rule as JSON with its "sequence");
-- ARGV[1] = flag key, ARGV[2] = the event's sequence, ARGV[3] = the rule as JSON.
-- Returns 1 when applied, 0 when the hash already holds this or a later event of the flag.
local held = redis.call('HGET', KEYS[1], ARGV[1])
if held and tonumber(cjson.decode(held)['sequence']) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
