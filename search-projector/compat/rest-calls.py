#!/usr/bin/env python3
"""Runs every REST call search-projector makes, with the same paths, parameters and bodies, against
one cluster, and checks the answers the code relies on (status codes, error types, _seq_no in
_mget, per-item bulk statuses, fixed scores, search_after, blocks.write, _aliases, and a rebuild's
bulk load: refresh_interval -1, _refresh, _count, unguarded bulk index, realtime _mget).

  search-projector/compat/rest-calls.py http://127.0.0.1:19200 search-projector/src/main/resources/search/accounts-index.json
  search-projector/compat/rest-calls.py http://127.0.0.1:19201 .../accounts-index.json strip

`strip` drops the custom analysers, for Elasticsearch's integ-test zip from Maven Central, which has
no analysis-common module (edge_ngram, asciifolding); the full distribution has it. It creates and
deletes indices named compat-accounts-g1/-g2.
"""
import json
import sys
import urllib.error
import urllib.request

BASE = sys.argv[1]
def call(m,path,body=None,nd=False):
    data=None
    h={}
    if body is not None:
        if nd: data=body.encode(); h["content-type"]="application/x-ndjson"
        else: data=json.dumps(body).encode(); h["content-type"]="application/json"
    r=urllib.request.Request(BASE+path,data=data,method=m,headers=h)
    try:
        with urllib.request.urlopen(r) as a: return a.status,json.loads(a.read() or b"null")
    except urllib.error.HTTPError as e: return e.code,json.loads(e.read() or b"null")
ok=True
def check(name,cond,detail=""):
    global ok
    print(("PASS " if cond else "FAIL ")+name+("" if cond else " "+str(detail)[:300])); ok&=bool(cond)
d=json.load(open(sys.argv[2]))
d["settings"]["index"]["refresh_interval"]="100ms"
if len(sys.argv)>3:  # stripped ES test zip: no analysis-common
    d["settings"].pop("analysis")
    for f in ("email","displayName"):
        d["mappings"]["properties"][f].pop("analyzer")
        p=d["mappings"]["properties"][f]["fields"]["prefix"]; p.pop("analyzer"); p.pop("search_analyzer")
A="compat-accounts"; G1=A+"-g1"; G2=A+"-g2"
call("DELETE","/"+G1); call("DELETE","/"+G2)
s,b=call("GET","/_alias/"+A); check("GET /_alias missing -> 404",s==404,b)
d1=json.loads(json.dumps(d)); d1["aliases"]={A:{}}
s,b=call("PUT","/"+G1,d1); check("PUT index with settings, mappings, alias",s==200,b)
s,b=call("PUT","/"+G1,d1); check("PUT existing -> resource_already_exists_exception",s==400 and b["error"]["type"]=="resource_already_exists_exception",b)
s,b=call("GET","/_alias/"+A); check("GET /_alias -> index names",s==200 and G1 in b,b)
s,b=call("PUT","/"+A+"/_settings",{"index":{"refresh_interval":"100ms"}}); check("PUT alias/_settings refresh_interval",s==200,b)
doc={"accountId":"a1","state":"live","email":"alice.w@host.example","displayName":"Zoe Alice","status":"active","plan":"pro","invoiceCount":1,"balanceMinor":5,"blobCount":0,"registeredAt":"2026-01-01T00:00:00Z","feeds":["a1","s1"],"sources":{"applied":{"a1":0,"s1":0},"invoices":{"i":{"totalMinor":5,"paidMinor":0,"currency":"EUR"}},"blobs":[],"plan":{"subscriptionId":"s1","sequence":0,"globalIndex":3}}}
s,b=call("POST","/"+A+"/_mget",{"ids":["a1","a2"]}); check("_mget on alias, not found",s==200 and not b["docs"][0]["found"],b)
nd=json.dumps({"create":{"_index":A,"_id":"a1"}})+"\n"+json.dumps(doc)+"\n"
doc2=dict(doc,accountId="a2",displayName="John Smith",email="john@x.example",registeredAt="2026-01-02T00:00:00Z",feeds=["a2"],sources={"applied":{"a2":0}})
nd+=json.dumps({"create":{"_index":A,"_id":"a2"}})+"\n"+json.dumps(doc2)+"\n"
r=urllib.request.Request(BASE+"/_bulk?refresh=wait_for",data=nd.encode(),method="POST",headers={"content-type":"application/x-ndjson"})
b=json.load(urllib.request.urlopen(r)); check("_bulk create via alias, refresh=wait_for",not b["errors"],b)
s,b=call("POST","/"+A+"/_mget",{"ids":["a1"]}); x=b["docs"][0]
check("_mget returns _seq_no/_primary_term",x["found"] and "_seq_no" in x and "_primary_term" in x,x)
seq,term=x["_seq_no"],x["_primary_term"]
def bulk(lines,params="?refresh=wait_for"):
    r=urllib.request.Request(BASE+"/_bulk"+params,data=("\n".join(json.dumps(l) for l in lines)+"\n").encode(),method="POST",headers={"content-type":"application/x-ndjson"})
    return json.load(urllib.request.urlopen(r))
b=bulk([{"index":{"_index":A,"_id":"a1","if_seq_no":seq,"if_primary_term":term}},dict(doc,blobCount=1)])
check("_bulk index with if_seq_no/if_primary_term",not b["errors"],b)
b=bulk([{"index":{"_index":A,"_id":"a1","if_seq_no":seq,"if_primary_term":term}},dict(doc,blobCount=2)])
check("stale if_seq_no -> item 409",b["items"][0]["index"]["status"]==409,b)
b=bulk([{"create":{"_index":A,"_id":"a1"}},doc])
check("create existing -> item 409",b["items"][0]["create"]["status"]==409,b)
b=bulk([{"index":{"_index":A,"_id":"a3"}},dict(doc,unknown=1)])
check("strict mapping -> item 400 (poison)",b["items"][0]["index"]["status"]==400,b)
def tier(score,q,fields,fuzzy):
    m={"query":q,"fields":fields,"operator":"and"}
    if fuzzy: m["fuzziness"]="AUTO"
    return {"constant_score":{"filter":{"multi_match":m},"boost":score}}
def text(q): return {"bool":{"should":[tier(8,q,["displayName"],False),tier(6,q,["email"],False),tier(4,q,["displayName.prefix","email.prefix"],False),tier(1,q,["displayName","email"],True)],"minimum_should_match":1}}
body={"size":2,"track_total_hits":False,"_source":["accountId","email","displayName"],"query":{"bool":{"filter":[{"term":{"state":"live"}},{"term":{"plan":"pro"}}],"must":[text("Jonh")]}},"sort":[{"_score":"desc"},{"registeredAt":"desc"},{"accountId":"asc"}]}
s,b=call("POST","/"+A+"/_search",body); hits=b.get("hits",{}).get("hits",[])
check("_search tiers: typo finds John, fixed score 1",s==200 and [h["_id"] for h in hits]==["a2"] and hits[0]["_score"]==1.0,b)
body["query"]["bool"]["must"]=[text("john")]
s,b=call("POST","/"+A+"/_search",body); hits=b["hits"]["hits"]
check("exact name scores 8+6?+4+1 fixed",hits and hits[0]["_score"] in (13.0,19.0),hits)
body={"size":1,"track_total_hits":False,"query":{"bool":{"filter":[{"term":{"state":"live"}}]}},"sort":[{"registeredAt":"desc"},{"accountId":"asc"}]}
s,b=call("POST","/"+A+"/_search",body); first=b["hits"]["hits"][0]
body["search_after"]=first["sort"]
s,b=call("POST","/"+A+"/_search",body); second=b["hits"]["hits"]
check("search_after pages on (registeredAt, accountId)",s==200 and first["_id"]=="a2" and second and second[0]["_id"]=="a1",(first,b))
s,b=call("POST","/"+A+"/_search",{"size":1,"query":{"term":{"feeds":"s1"}},"_source":["sources.applied"]})
h=b["hits"]["hits"]
check("term on feeds, _source filter into disabled object",h and h[0]["_source"]=={"sources":{"applied":{"a1":0,"s1":0}}},b)
d2=json.loads(json.dumps(d))
s,b=call("PUT","/"+G2,d2); check("PUT generation 2",s==200,b)
s,b=call("GET","/"+G2+"/_settings/index.number_of_shards"); check("exists check",s==200,b)
# A rebuild's bulk load (AccountDocumentLoad): refreshes paused, the count of a refreshed index,
# unguarded index items without a refresh wait, realtime _mget of unrefreshed documents, resumed.
s,b=call("PUT","/"+G2+"/_settings",{"index":{"refresh_interval":"-1"}}); check("refresh_interval -1",s==200,b)
s,b=call("POST","/"+G2+"/_refresh"); check("POST index/_refresh",s==200,b)
s,b=call("GET","/"+G2+"/_count"); check("_count of an empty index",s==200 and b["count"]==0,b)
b=bulk([{"index":{"_index":G2,"_id":"a1"}},doc,{"index":{"_index":G2,"_id":"a1"}},dict(doc,blobCount=3)],"")
check("_bulk unguarded index, no refresh param",not b["errors"] and b["items"][1]["index"]["status"]==200,b)
s,b=call("POST","/"+G2+"/_mget",{"ids":["a1"]}); x=b["docs"][0]
check("realtime _mget sees an unrefreshed document",x["found"] and x["_source"]["blobCount"]==3,x)
s,b=call("GET","/"+G2+"/_count"); check("_count misses unrefreshed documents",s==200 and b["count"]==0,b)
call("POST","/"+G2+"/_refresh")
s,b=call("GET","/"+G2+"/_count"); check("_count after _refresh",s==200 and b["count"]==1,b)
s,b=call("PUT","/"+G2+"/_settings",{"index":{"refresh_interval":"100ms"}}); check("refresh_interval restored",s==200,b)
s,b=call("DELETE","/"+G2); s,b=call("PUT","/"+G2,json.loads(json.dumps(d))); check("PUT generation 2 again",s==200,b)
s,b=call("PUT","/"+G1+"/_settings",{"index":{"blocks.write":True}}); check("blocks.write on",s==200,b)
b=bulk([{"index":{"_index":A,"_id":"a9"}},dict(doc,accountId="a9")])
it=b["items"][0]["index"]; check("blocked write -> cluster_block_exception item",it.get("error",{}).get("type")=="cluster_block_exception",it)
s,b=call("POST","/_aliases",{"actions":[{"remove":{"index":G1,"alias":A}},{"add":{"index":G2,"alias":A}}]}); check("_aliases swap",s==200,b)
s,b=call("PUT","/"+G1+"/_settings",{"index":{"blocks.write":False}}); check("blocks.write off",s==200,b)
s,b=call("GET","/_alias/"+A); check("alias now on g2",s==200 and list(b)==[G2],b)
s,b=call("DELETE","/"+G1); check("DELETE retired generation",s==200,b)
s,b=call("GET","/"+G1+"/_settings/index.number_of_shards"); check("missing index -> 404",s==404,b)
call("DELETE","/"+G2)
print("ALL PASS" if ok else "SOME FAILED")
