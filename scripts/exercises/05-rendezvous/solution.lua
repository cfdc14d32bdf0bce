-- Exercise 05: rendezvous. Read README.md in this folder first.
--
-- Alice and Bob take the train together. Each walks to the station (Alice lives
-- closer), tells the other "I am here", and boards only once the other is here too.

local alice_here, bob_here = Event(), Event()
local boarded = {}

local function alice()
  sleep(1)                                   -- walk to the station
  print(("[%.1f] Alice is at the station"):format(now()))
  alice_here:set()                           -- tell Bob I am here first...
  bob_here:wait()                            -- ...then wait for him
  boarded.Alice = now()
end

local function bob()
  sleep(3)                                   -- a longer walk
  print(("[%.1f] Bob is at the station"):format(now()))
  bob_here:set()                             -- tell Alice I am here first...
  alice_here:wait()                          -- ...then wait for her
  boarded.Bob = now()
end

gather(spawn(alice), spawn(bob))
print(("Alice boarded at %.1f, Bob at %.1f"):format(boarded.Alice, boarded.Bob))
