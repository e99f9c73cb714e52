-- Applies one flag event: stores the flag's rule only if it is newer than the one held.
-- KEYS[1] = the pointer naming the serving generation of the flags hash (flags:generation; absent
-- means generation 1, whose hash is "flags"; generation N's is "flags:g<N>"). Read here, in the
-- same script as the write, so a rebuild's switch (one SET of the pointer) is atomic for writers.
-- ARGV[1] = flag key, ARGV[2] = the event's sequence, ARGV[3] = the rule as JSON (with its
-- "sequence"), ARGV[4] = the generation to write, or '' for the serving one (a rebuild names it).
-- Returns 1 when applied, 0 when the hash already holds this or a later event of the flag.
local generation = ARGV[4]
if generation == nil or generation == '' then
  generation = redis.call('GET', KEYS[1]) or '1'
end
local hash = 'flags'
if generation ~= '1' then
  hash = 'flags:g' .. generation
end
local held = redis.call('HGET', hash, ARGV[1])
if held and tonumber(cjson.decode(held)['sequence']) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', hash, ARGV[1], ARGV[3])
return 1
