"""A MongoDB wire-protocol SUBSET for the real-app benchmark: NOT a MongoDB server.

No MongoDB build is reachable here (Debian does not ship it, no other registry answers), so the
apps whose Compose file starts ``mongo`` get this instead: an asyncio TCP server on 27017 that
speaks the MongoDB wire protocol (OP_MSG, and the legacy OP_QUERY / OP_GET_MORE /
OP_KILL_CURSORS that old drivers send) with pymongo's ``bson`` package for the encoding, and
answers the commands the apps' drivers send from ``mongomock`` (an in-memory implementation of
the MongoDB query, update and aggregation language). Everything is in memory; nothing is
written to ``/data/db``. Authentication, replication, transactions, change streams, TTL
expiry and server-side JavaScript are not implemented; an unknown command is answered with
MongoDB's own ``CommandNotFound`` error and logged on stderr.

Run: ``python3 mongo_wire.py [--port 27017] [--bind_ip 0.0.0.0]`` (mongod's other options are
accepted and ignored, so a Compose ``command: mongod --smallfiles`` still starts).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import os
import struct
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

import bson
import mongomock
from bson.codec_options import CodecOptions
from mongomock.filtering import filter_applies
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError, OperationFailure, WriteError

Doc = dict[str, Any]

# Opcodes (https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/).
OP_REPLY = 1
OP_QUERY = 2004
OP_GET_MORE = 2005
OP_KILL_CURSORS = 2007
OP_MSG = 2013

MSG_CHECKSUM_PRESENT = 1 << 0
MSG_MORE_TO_COME = 1 << 1
REPLY_CURSOR_NOT_FOUND = 1 << 0
REPLY_QUERY_FAILURE = 1 << 1
REPLY_AWAIT_CAPABLE = 1 << 3

HEADER = struct.Struct("<iiii")  # messageLength, requestID, responseTo, opCode
MAX_MESSAGE = 48_000_000
MAX_BSON = 16 * 1024 * 1024
DEFAULT_BATCH = 101  # mongod's first batch when the client names none
# What the handshake claims: wire versions 0..13 (MongoDB 5.0's range), so drivers from
# mongoose 4's (2015) to the Node.js driver 6 find a protocol they share with it.
MIN_WIRE, MAX_WIRE = 0, 13
VERSION = "5.0.0"

CODEC = CodecOptions(document_class=dict)


class ProtocolError(Exception):
    """A message that cannot be parsed: the connection is closed."""


class CommandError(Exception):
    """A command failed the way mongod reports it: ``{ok: 0, errmsg, code, codeName}``."""

    def __init__(self, message: str, code: int, code_name: str) -> None:
        super().__init__(message)
        self.code = code
        self.code_name = code_name

    def reply(self) -> Doc:
        return {"ok": 0.0, "errmsg": str(self), "code": self.code, "codeName": self.code_name}


def not_found(what: str) -> CommandError:
    return CommandError(f"ns not found: {what}", 26, "NamespaceNotFound")


# --------------------------------------------------------------------------------------------
# Framing


def _cstring(data: bytes, pos: int) -> tuple[str, int]:
    end = data.find(b"\x00", pos)
    if end < 0:
        raise ProtocolError("unterminated C string")
    return data[pos:end].decode("utf-8"), end + 1


def _document(data: bytes, pos: int) -> tuple[Doc, int]:
    if pos + 4 > len(data):
        raise ProtocolError("truncated document")
    (size,) = struct.unpack_from("<i", data, pos)
    if size < 5 or pos + size > len(data):
        raise ProtocolError(f"bad document size {size}")
    doc: Doc = bson.decode(data[pos : pos + size], codec_options=CODEC)
    return doc, pos + size


@dataclass
class Message:
    """One request, parsed. ``body`` is the command (OP_MSG, OP_QUERY) or the query document."""

    request_id: int
    op: int
    body: Doc = field(default_factory=dict)
    namespace: str = ""  # OP_QUERY, OP_GET_MORE: "db.collection"
    flags: int = 0
    skip: int = 0
    limit: int = 0  # numberToReturn
    projection: Doc | None = None
    cursor_ids: list[int] = field(default_factory=list)


def parse(op: int, request_id: int, payload: bytes) -> Message:
    """Parse the bytes after the 16-byte header."""
    msg = Message(request_id, op)
    if op == OP_MSG:
        (msg.flags,) = struct.unpack_from("<I", payload, 0)
        end = len(payload) - (4 if msg.flags & MSG_CHECKSUM_PRESENT else 0)
        pos, sequences, body = 4, {}, None
        while pos < end:
            kind = payload[pos]
            pos += 1
            if kind == 0:
                body, pos = _document(payload, pos)
            elif kind == 1:
                (size,) = struct.unpack_from("<i", payload, pos)
                stop = pos + size
                name, cur = _cstring(payload, pos + 4)
                docs = []
                while cur < stop:
                    doc, cur = _document(payload, cur)
                    docs.append(doc)
                sequences[name] = docs
                pos = stop
            else:
                raise ProtocolError(f"OP_MSG section kind {kind}")
        if body is None:
            raise ProtocolError("OP_MSG without a body section")
        body.update(sequences)
        msg.body = body
    elif op == OP_QUERY:
        (msg.flags,) = struct.unpack_from("<i", payload, 0)
        msg.namespace, pos = _cstring(payload, 4)
        msg.skip, msg.limit = struct.unpack_from("<ii", payload, pos)
        msg.body, pos = _document(payload, pos + 8)
        if pos < len(payload):
            msg.projection, pos = _document(payload, pos)
    elif op == OP_GET_MORE:
        msg.namespace, pos = _cstring(payload, 4)
        msg.limit, cursor_id = struct.unpack_from("<iq", payload, pos)
        msg.cursor_ids = [cursor_id]
    elif op == OP_KILL_CURSORS:
        (count,) = struct.unpack_from("<i", payload, 4)
        msg.cursor_ids = list(struct.unpack_from(f"<{count}q", payload, 8))
    else:
        raise ProtocolError(f"unsupported opcode {op}")
    return msg


def encode_msg(request_id: int, response_to: int, doc: Mapping[str, Any]) -> bytes:
    """An OP_MSG reply: flags 0, one body section."""
    payload = struct.pack("<I", 0) + b"\x00" + bson.encode(doc)
    return HEADER.pack(16 + len(payload), request_id, response_to, OP_MSG) + payload


def encode_reply(
    request_id: int, response_to: int, docs: Iterable[Mapping[str, Any]], cursor_id: int = 0,
    flags: int = REPLY_AWAIT_CAPABLE, starting_from: int = 0,
) -> bytes:  # fmt: skip
    """A legacy OP_REPLY (the answer to OP_QUERY and OP_GET_MORE)."""
    encoded = [bson.encode(d) for d in docs]
    payload = struct.pack("<iqii", flags, cursor_id, starting_from, len(encoded))
    payload += b"".join(encoded)
    return HEADER.pack(16 + len(payload), request_id, response_to, OP_REPLY) + payload


# --------------------------------------------------------------------------------------------
# Commands


def _sort(spec: Any) -> list[tuple[str, Any]] | None:
    if not spec:
        return None
    return list(spec.items()) if isinstance(spec, Mapping) else list(spec)


def _is_replacement(update: Any) -> bool:
    return isinstance(update, Mapping) and not any(k.startswith("$") for k in update)


@dataclass
class Cursor:
    namespace: str
    docs: list[Doc]
    position: int = 0


class Backend:
    """The command layer: mongod's reply documents, computed with mongomock."""

    def __init__(self) -> None:
        self.client: mongomock.MongoClient[Doc] = mongomock.MongoClient()
        self.cursors: dict[int, Cursor] = {}
        self._cursor_ids = itertools.count(1_000_001)
        self.connections = itertools.count(1)
        self.started = dt.datetime.now(dt.UTC)
        self.unknown: list[str] = []
        self.trace = bool(os.environ.get("MONGO_WIRE_TRACE"))  # log every command's name
        handlers: dict[str, Callable[[str, Doc], Doc]] = {
            "hello": self.hello,
            "ismaster": self.hello,
            "ping": lambda db, cmd: {},
            "buildinfo": self.build_info,
            "getparameter": self.get_parameter,
            "getlog": lambda db, cmd: {"totalLinesWritten": 0, "log": []},
            "getcmdlineopts": lambda db, cmd: {"argv": ["mongod"], "parsed": {}},
            "getfreemonitoringstatus": lambda db, cmd: {"state": "disabled"},
            "hostinfo": self.host_info,
            "serverstatus": self.server_status,
            "whatsmyuri": lambda db, cmd: {"you": "127.0.0.1:0"},
            "connectionstatus": lambda db, cmd: {
                "authInfo": {"authenticatedUsers": [], "authenticatedUserRoles": []}
            },
            "endsessions": lambda db, cmd: {},
            "getlasterror": lambda db, cmd: {"n": 0, "err": None},
            "listdatabases": self.list_databases,
            "listcollections": self.list_collections,
            "dbstats": self.db_stats,
            "create": self.create,
            "drop": self.drop,
            "dropdatabase": self.drop_database,
            "insert": self.insert,
            "update": self.update,
            "delete": self.delete,
            "find": self.find,
            "getmore": self.get_more,
            "killcursors": self.kill_cursors,
            "findandmodify": self.find_and_modify,
            "count": self.count,
            "distinct": self.distinct,
            "aggregate": self.aggregate,
            "createindexes": self.create_indexes,
            "listindexes": self.list_indexes,
            "dropindexes": self.drop_indexes,
            "deleteindexes": self.drop_indexes,
        }
        self.handlers = handlers

    # -- dispatch --------------------------------------------------------------------------

    def command(self, db: str, cmd: Doc) -> Doc:
        """Run one command; always a reply document with ``ok``."""
        if "$query" in cmd:  # OP_QUERY commands wrapped with a read preference
            cmd = dict(cmd["$query"])
        if not cmd:
            return CommandError("no command", 59, "CommandNotFound").reply()
        name = next(iter(cmd))
        if self.trace:
            print(f"mongo-wire: {db}: {name}", flush=True)
        handler = self.handlers.get(name.lower())
        if handler is None:
            self.unknown.append(name)
            print(f"mongo-wire: unsupported command {name!r} (db {db!r})", file=sys.stderr)
            return CommandError(f"no such command: '{name}'", 59, "CommandNotFound").reply()
        try:
            reply = handler(db, cmd)
        except CommandError as exc:
            return exc.reply()
        except OperationFailure as exc:
            code = exc.code or 2
            return CommandError(str(exc), code, "DuplicateKey" if code == 11000 else "").reply()
        except Exception as exc:  # mongomock's gaps (NotImplementedError, ...) must not
            # close the connection: the client gets mongod's generic error and the log a line.
            print(f"mongo-wire: {name} failed: {exc!r}", file=sys.stderr)
            return CommandError(f"{name}: {exc}", 2, "BadValue").reply()
        reply["ok"] = 1.0
        return reply

    def collection(self, db: str, name: Any) -> Any:
        if not isinstance(name, str) or not name:
            raise CommandError(f"invalid collection name {name!r}", 73, "InvalidNamespace")
        return self.client[db][name]

    def exists(self, db: str, name: str) -> bool:
        return name in self.client[db].list_collection_names()

    # -- handshake and administration ------------------------------------------------------

    def hello(self, db: str, cmd: Doc) -> Doc:
        name = next(iter(cmd))
        reply: Doc = {"isWritablePrimary": True} if name == "hello" else {"ismaster": True}
        if cmd.get("helloOk"):
            reply["helloOk"] = True
        reply.update(
            topologyVersion={"processId": bson.ObjectId(), "counter": 0},
            maxBsonObjectSize=MAX_BSON,
            maxMessageSizeBytes=MAX_MESSAGE,
            maxWriteBatchSize=100_000,
            localTime=dt.datetime.now(dt.UTC),
            logicalSessionTimeoutMinutes=30,
            connectionId=next(self.connections),
            minWireVersion=MIN_WIRE,
            maxWireVersion=MAX_WIRE,
            readOnly=False,
        )
        return reply

    def build_info(self, db: str, cmd: Doc) -> Doc:
        return {
            "version": VERSION,
            "gitVersion": f"imgopt mongo-wire stand-in (mongomock {version('mongomock')})",
            "versionArray": [*map(int, VERSION.split(".")), 0],
            "bits": 64,
            "maxBsonObjectSize": MAX_BSON,
            "storageEngines": ["mongomock (in memory)"],
            "modules": [],
            "javascriptEngine": "none",
        }

    def get_parameter(self, db: str, cmd: Doc) -> Doc:
        known = {"featureCompatibilityVersion": {"version": VERSION.rsplit(".", 1)[0]}}
        if cmd.get("getParameter") == "*":
            return dict(known)
        return {k: v for k, v in known.items() if k in cmd}

    def host_info(self, db: str, cmd: Doc) -> Doc:
        return {"system": {"hostname": "mongo", "numCores": 1}, "os": {"type": "Linux"}}

    def server_status(self, db: str, cmd: Doc) -> Doc:
        uptime = (dt.datetime.now(dt.UTC) - self.started).total_seconds()
        return {
            "host": "mongo",
            "version": VERSION,
            "process": "mongod",
            "uptime": float(uptime),
            "localTime": dt.datetime.now(dt.UTC),
            "connections": {"current": 0, "available": 1000},
        }

    def list_databases(self, db: str, cmd: Doc) -> Doc:
        names = self.client.list_database_names()
        dbs = [{"name": n, "sizeOnDisk": 0, "empty": False} for n in names]
        if cmd.get("nameOnly"):
            dbs = [{"name": n} for n in names]
        return {"databases": dbs, "totalSize": 0}

    def list_collections(self, db: str, cmd: Doc) -> Doc:
        flt = cmd.get("filter") or {}
        infos = [
            {"name": n, "type": "collection", "options": {}, "info": {"readOnly": False}}
            for n in sorted(self.client[db].list_collection_names())
        ]
        infos = [i for i in infos if filter_applies(flt, i)]  # type: ignore[no-untyped-call]
        if cmd.get("nameOnly"):
            infos = [{"name": i["name"], "type": i["type"]} for i in infos]
        return self._first_batch(f"{db}.$cmd.listCollections", infos, cmd.get("cursor") or {})

    def db_stats(self, db: str, cmd: Doc) -> Doc:
        names = self.client[db].list_collection_names()
        objects = sum(self.client[db][n].estimated_document_count() for n in names)
        return {"db": db, "collections": len(names), "objects": objects, "dataSize": 0}

    def create(self, db: str, cmd: Doc) -> Doc:
        name = cmd["create"]
        if self.exists(db, name):
            raise CommandError(f"Collection {db}.{name} already exists.", 48, "NamespaceExists")
        self.client[db].create_collection(name)
        return {}

    def drop(self, db: str, cmd: Doc) -> Doc:
        name = cmd["drop"]
        if not self.exists(db, name):
            raise not_found(f"{db}.{name}")
        self.client[db].drop_collection(name)
        return {"ns": f"{db}.{name}", "nIndexesWas": 1}

    def drop_database(self, db: str, cmd: Doc) -> Doc:
        self.client.drop_database(db)
        return {"dropped": db}

    # -- writes ----------------------------------------------------------------------------

    def insert(self, db: str, cmd: Doc) -> Doc:
        coll = self.collection(db, cmd["insert"])
        n, errors = 0, []
        for index, doc in enumerate(cmd.get("documents", [])):
            try:
                coll.insert_one(doc)
                n += 1
            except DuplicateKeyError as exc:
                errors.append({"index": index, "code": 11000, "errmsg": str(exc)})
                if cmd.get("ordered", True):
                    break
        return self._write_reply(n, errors)

    def update(self, db: str, cmd: Doc) -> Doc:
        coll = self.collection(db, cmd["update"])
        n = modified = 0
        upserted, errors = [], []
        for index, spec in enumerate(cmd.get("updates", [])):
            query, change = spec.get("q") or {}, spec.get("u") or {}
            options: Doc = {"upsert": bool(spec.get("upsert"))}
            if spec.get("arrayFilters") is not None:
                options["array_filters"] = spec["arrayFilters"]
            try:
                if _is_replacement(change):
                    result = coll.replace_one(query, change, upsert=options["upsert"])
                elif spec.get("multi"):
                    result = coll.update_many(query, change, **options)
                else:
                    result = coll.update_one(query, change, **options)
            except DuplicateKeyError as exc:
                errors.append({"index": index, "code": 11000, "errmsg": str(exc)})
                if cmd.get("ordered", True):
                    break
                continue
            except WriteError as exc:
                errors.append({"index": index, "code": exc.code or 2, "errmsg": str(exc)})
                if cmd.get("ordered", True):
                    break
                continue
            n += result.matched_count
            modified += result.modified_count
            if result.upserted_id is not None:
                n += 1
                upserted.append({"index": index, "_id": result.upserted_id})
        reply = self._write_reply(n, errors)
        reply["nModified"] = modified
        if upserted:
            reply["upserted"] = upserted
        return reply

    def delete(self, db: str, cmd: Doc) -> Doc:
        coll = self.collection(db, cmd["delete"])
        n = 0
        for spec in cmd.get("deletes", []):
            query = spec.get("q") or {}
            result = coll.delete_one(query) if spec.get("limit") else coll.delete_many(query)
            n += result.deleted_count
        return {"n": n}

    @staticmethod
    def _write_reply(n: int, errors: list[Doc]) -> Doc:
        reply: Doc = {"n": n}
        if errors:
            reply["writeErrors"] = errors
        return reply

    def find_and_modify(self, db: str, cmd: Doc) -> Doc:
        name = next(k for k in cmd if k.lower() == "findandmodify")
        coll = self.collection(db, cmd[name])
        query, sort = cmd.get("query") or {}, _sort(cmd.get("sort"))
        fields = cmd.get("fields") or None
        before = coll.find_one(query, sort=sort)
        if cmd.get("remove"):
            value = coll.find_one_and_delete(query, projection=fields, sort=sort)
            return {"lastErrorObject": {"n": int(value is not None)}, "value": value}
        change = cmd.get("update")
        if change is None:
            raise CommandError("Either an update or remove=true must be specified", 9, "")
        upsert = bool(cmd.get("upsert"))
        after = ReturnDocument.AFTER if cmd.get("new") else ReturnDocument.BEFORE
        kwargs: Doc = {"projection": fields, "sort": sort, "upsert": upsert}
        if _is_replacement(change):
            value = coll.find_one_and_replace(query, change, return_document=after, **kwargs)
        else:
            if cmd.get("arrayFilters") is not None:
                kwargs["array_filters"] = cmd["arrayFilters"]
            value = coll.find_one_and_update(query, change, return_document=after, **kwargs)
        last: Doc = {"n": 1 if before is not None or upsert else 0}
        last["updatedExisting"] = before is not None
        if before is None and upsert:
            # The upserted document's _id: the returned one, or the query's, or a fresh lookup.
            created = value if value is not None and cmd.get("new") else coll.find_one(query)
            if created is not None and "_id" in created:
                last["upserted"] = created["_id"]
        return {"lastErrorObject": last, "value": value}

    # -- reads -----------------------------------------------------------------------------

    def _first_batch(self, namespace: str, docs: list[Doc], options: Mapping[str, Any]) -> Doc:
        size = options.get("batchSize")
        size = DEFAULT_BATCH if size is None else int(size)
        first = docs if size <= 0 else docs[:size]
        cursor_id = 0
        if len(first) < len(docs) and not options.get("singleBatch"):
            cursor_id = next(self._cursor_ids)
            self.cursors[cursor_id] = Cursor(namespace, docs, len(first))
        return {"cursor": {"firstBatch": first, "id": bson.Int64(cursor_id), "ns": namespace}}

    def query(
        self, db: str, name: str, flt: Doc, *, projection: Doc | None = None, sort: Any = None,
        skip: int = 0, limit: int = 0,
    ) -> list[Doc]:  # fmt: skip
        cursor = self.collection(db, name).find(
            flt, projection or None, skip=int(skip), limit=abs(int(limit)), sort=_sort(sort)
        )
        return list(cursor)

    def find(self, db: str, cmd: Doc) -> Doc:
        name = cmd["find"]
        docs = self.query(
            db, name, cmd.get("filter") or {}, projection=cmd.get("projection"),
            sort=cmd.get("sort"), skip=cmd.get("skip") or 0, limit=cmd.get("limit") or 0,
        )  # fmt: skip
        options = {"batchSize": cmd.get("batchSize"), "singleBatch": cmd.get("singleBatch")}
        return self._first_batch(f"{db}.{name}", docs, options)

    def next_batch(self, cursor_id: int, size: int) -> tuple[list[Doc], int, int]:
        """(documents, the cursor id or 0 when exhausted, the first one's position)."""
        cursor = self.cursors.get(cursor_id)
        if cursor is None:
            raise CommandError(f"cursor id {cursor_id} not found", 43, "CursorNotFound")
        start = cursor.position
        stop = len(cursor.docs) if size <= 0 else start + size
        batch = cursor.docs[start:stop]
        cursor.position = start + len(batch)
        if cursor.position >= len(cursor.docs):
            del self.cursors[cursor_id]
            cursor_id = 0
        return batch, cursor_id, start

    def get_more(self, db: str, cmd: Doc) -> Doc:
        cursor_id = int(cmd["getMore"])
        cursor = self.cursors.get(cursor_id)
        namespace = cursor.namespace if cursor else f"{db}.{cmd.get('collection')}"
        batch, left, _start = self.next_batch(cursor_id, int(cmd.get("batchSize") or 0))
        return {"cursor": {"nextBatch": batch, "id": bson.Int64(left), "ns": namespace}}

    def kill_cursors(self, db: str, cmd: Doc) -> Doc:
        killed: list[Any] = []
        missing: list[Any] = []
        for cursor_id in cmd.get("cursors", []):
            (killed if self.cursors.pop(int(cursor_id), None) else missing).append(cursor_id)
        return {
            "cursorsKilled": killed,
            "cursorsNotFound": missing,
            "cursorsAlive": [],
            "cursorsUnknown": [],
        }

    def count(self, db: str, cmd: Doc) -> Doc:
        coll = self.collection(db, cmd["count"])
        options: Doc = {}
        if cmd.get("skip"):
            options["skip"] = int(cmd["skip"])
        if cmd.get("limit"):
            options["limit"] = abs(int(cmd["limit"]))
        return {"n": coll.count_documents(cmd.get("query") or {}, **options)}

    def distinct(self, db: str, cmd: Doc) -> Doc:
        coll = self.collection(db, cmd["distinct"])
        return {"values": coll.distinct(cmd["key"], cmd.get("query") or None)}

    def aggregate(self, db: str, cmd: Doc) -> Doc:
        name = cmd["aggregate"]
        if not isinstance(name, str):
            raise CommandError("aggregate: 1 (database-level) is not supported", 115, "")
        docs = list(self.collection(db, name).aggregate(cmd.get("pipeline") or []))
        return self._first_batch(f"{db}.{name}", docs, cmd.get("cursor") or {})

    # -- indexes ---------------------------------------------------------------------------

    def create_indexes(self, db: str, cmd: Doc) -> Doc:
        name = cmd["createIndexes"]
        created = not self.exists(db, name)
        if created:
            self.client[db].create_collection(name)
        coll = self.collection(db, name)
        before = len(coll.index_information())
        for spec in cmd.get("indexes", []):
            options = {k: v for k, v in spec.items() if k not in ("key", "v", "ns")}
            coll.create_index(list(spec["key"].items()), **options)
        after = len(coll.index_information())
        return {
            "createdCollectionAutomatically": created,
            "numIndexesBefore": before,
            "numIndexesAfter": after,
        }

    def list_indexes(self, db: str, cmd: Doc) -> Doc:
        name = cmd["listIndexes"]
        if not self.exists(db, name):
            raise not_found(f"{db}.{name}")
        specs = []
        for index, info in self.collection(db, name).index_information().items():
            spec = {"v": info.get("v", 2), "key": dict(info["key"]), "name": index}
            spec.update({k: v for k, v in info.items() if k not in ("v", "key")})
            specs.append(spec)
        return self._first_batch(f"{db}.{name}", specs, cmd.get("cursor") or {})

    def drop_indexes(self, db: str, cmd: Doc) -> Doc:
        name = cmd.get("dropIndexes", cmd.get("deleteIndexes"))
        if not isinstance(name, str) or not self.exists(db, name):
            raise not_found(f"{db}.{name}")
        coll = self.collection(db, name)
        before = len(coll.index_information())
        index = cmd.get("index", "*")
        if index == "*":
            coll.drop_indexes()
        else:
            coll.drop_index(list(index.items()) if isinstance(index, Mapping) else index)
        return {"nIndexesWas": before}

    # -- the legacy opcodes ----------------------------------------------------------------

    def legacy_query(self, msg: Message) -> tuple[list[Doc], int, int]:
        """OP_QUERY on a collection (drivers for servers before 3.2): (docs, cursor id, flags)."""
        db, _, name = msg.namespace.partition(".")
        body = msg.body
        if "$query" in body or ("query" in body and any(k.startswith("$") for k in body)):
            flt = body.get("$query", body.get("query")) or {}
            sort = body.get("$orderby", body.get("orderby"))
        else:
            flt, sort = body, None
        limit = msg.limit
        docs = self.query(db, name, flt, projection=msg.projection, sort=sort, skip=msg.skip)
        if limit < 0 or limit == 1:  # a negative (or 1) numberToReturn: one batch, no cursor
            return docs[: abs(limit)], 0, 0
        batch = (
            docs if limit == 0 and len(docs) <= DEFAULT_BATCH else docs[: limit or DEFAULT_BATCH]
        )
        cursor_id = 0
        if len(batch) < len(docs):
            cursor_id = next(self._cursor_ids)
            self.cursors[cursor_id] = Cursor(msg.namespace, docs, len(batch))
        return batch, cursor_id, 0


# --------------------------------------------------------------------------------------------
# Server


class Server:
    def __init__(self, backend: Backend | None = None) -> None:
        self.backend = backend or Backend()
        self._ids = itertools.count(1)

    def respond(self, msg: Message) -> bytes | None:
        """The reply to one parsed request (None: the client asked for none)."""
        rid, backend = next(self._ids), self.backend
        if msg.op == OP_MSG:
            db = str(msg.body.pop("$db", "admin"))
            reply = backend.command(db, msg.body)
            return None if msg.flags & MSG_MORE_TO_COME else encode_msg(rid, msg.request_id, reply)
        if msg.op == OP_QUERY:
            db, _, name = msg.namespace.partition(".")
            if name == "$cmd" or name.startswith("$cmd."):
                return encode_reply(rid, msg.request_id, [backend.command(db, msg.body)])
            try:
                docs, cursor_id, flags = backend.legacy_query(msg)
            except (CommandError, OperationFailure) as exc:
                failure = {"$err": str(exc), "code": getattr(exc, "code", 2) or 2}
                return encode_reply(rid, msg.request_id, [failure], flags=REPLY_QUERY_FAILURE)
            return encode_reply(rid, msg.request_id, docs, cursor_id, flags | REPLY_AWAIT_CAPABLE)
        if msg.op == OP_GET_MORE:
            try:
                docs, cursor_id, start = backend.next_batch(msg.cursor_ids[0], msg.limit)
            except CommandError:
                return encode_reply(rid, msg.request_id, [], flags=REPLY_CURSOR_NOT_FOUND)
            return encode_reply(rid, msg.request_id, docs, cursor_id, starting_from=start)
        # OP_KILL_CURSORS has no reply.
        for cursor_id in msg.cursor_ids:
            backend.cursors.pop(cursor_id, None)
        return None

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                header = await reader.readexactly(HEADER.size)
                length, request_id, _to, op = HEADER.unpack(header)
                if not HEADER.size < length <= MAX_MESSAGE:
                    raise ProtocolError(f"message length {length}")
                payload = await reader.readexactly(length - HEADER.size)
                reply = self.respond(parse(op, request_id, payload))
                if reply is not None:
                    writer.write(reply)
                    await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except (ProtocolError, struct.error, bson.errors.BSONError) as exc:
            print(f"mongo-wire: closing a connection: {exc}", file=sys.stderr)
        finally:
            writer.close()

    async def listen(self, host: str, port: int) -> asyncio.Server:
        return await asyncio.start_server(self.handle, host, port, reuse_address=True)

    async def serve(self, host: str, port: int) -> None:
        server = await self.listen(host, port)
        where = ", ".join(str(s.getsockname()) for s in server.sockets)
        print(f"mongo-wire: waiting for connections on {where}", flush=True)
        async with server:
            await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=27017)
    parser.add_argument("--bind_ip", default="0.0.0.0")
    parser.add_argument("--bind_ip_all", action="store_true")
    args, ignored = parser.parse_known_args(argv)
    ignored = [a for a in ignored if a != "mongod"]
    if ignored:
        print(f"mongo-wire: ignoring mongod options {' '.join(ignored)}", flush=True)
    host = "0.0.0.0" if args.bind_ip_all else args.bind_ip.split(",")[0]
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(Server().serve(host, args.port))
    return 0


if __name__ == "__main__":
    sys.exit(main())
