"""The MongoDB wire-protocol stand-in (standins/recipes/mongo-wire/mongo_wire.py), in process.

The server runs on a loopback port in a background thread; pymongo (a real driver) talks OP_MSG
to it, and hand-built legacy messages (OP_QUERY, OP_GET_MORE, OP_KILL_CURSORS), as mongoose 4's
driver sends them, check the legacy path byte for byte. No engine needed.
"""

from __future__ import annotations

import asyncio
import importlib.util
import itertools
import socket
import struct
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import bson
import pymongo
import pytest
from pymongo.errors import DuplicateKeyError, OperationFailure

RECIPE = Path(__file__).resolve().parents[2] / "standins" / "recipes" / "mongo-wire"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mongo_wire", RECIPE / "mongo_wire.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["mongo_wire"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


mw = _load()


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(mw.Server().listen("127.0.0.1", 0))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield server.sockets[0].getsockname()[1]
    loop.call_soon_threadsafe(server.close)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


@pytest.fixture
def client(port: int) -> Iterator[pymongo.MongoClient[dict[str, Any]]]:
    c: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(
        f"mongodb://127.0.0.1:{port}/", serverSelectionTimeoutMS=5000
    )
    yield c
    c.close()


# --------------------------------------------------------------------------------------------
# A real driver (OP_MSG)


def test_driver_handshake_and_ping(client: pymongo.MongoClient[dict[str, Any]]) -> None:
    assert client.admin.command("ping")["ok"] == 1.0
    info = client.server_info()
    assert info["version"] == mw.VERSION
    assert "mongomock" in info["gitVersion"]  # says what it is


def test_driver_crud_and_cursor_batches(client: pymongo.MongoClient[dict[str, Any]]) -> None:
    coll = client.crud.items
    coll.insert_many([{"n": i, "even": i % 2 == 0} for i in range(250)])
    # 250 documents in batches of 7 need getMore round trips; all must come back, in order.
    cursor = coll.find({}, sort=[("n", 1)]).batch_size(7)
    got = [d["n"] for d in itertools.islice(cursor, 300)]  # bounded: a stuck cursor fails
    assert got == list(range(250))
    assert coll.count_documents({"even": True}) == 125
    assert coll.estimated_document_count() == 250
    assert sorted(coll.distinct("even")) == [False, True]
    assert coll.find_one({"n": {"$gt": 247}}, sort=[("n", -1)])["n"] == 249  # type: ignore[index]
    result = coll.update_many({"n": {"$lt": 10}}, {"$set": {"small": True}})
    assert (result.matched_count, result.modified_count) == (10, 10)
    assert coll.count_documents({"small": True}) == 10
    assert coll.delete_many({"even": False}).deleted_count == 125
    total = list(coll.aggregate([{"$group": {"_id": None, "sum": {"$sum": "$n"}}}]))
    assert total[0]["sum"] == sum(range(0, 250, 2))
    assert "crud" in client.list_database_names()
    client.crud.other.insert_one({})
    assert client.crud.list_collection_names(filter={"name": "items"}) == ["items"]
    assert sorted(client.crud.list_collection_names()) == ["items", "other"]
    coll.drop()
    assert client.crud.list_collection_names() == ["other"]


def test_driver_upsert_replace_and_find_and_modify(
    client: pymongo.MongoClient[dict[str, Any]],
) -> None:
    coll = client.fam.sessions
    up = coll.update_one({"sid": "a"}, {"$set": {"v": 1}}, upsert=True)
    assert up.upserted_id is not None and up.matched_count == 0
    assert coll.replace_one({"sid": "a"}, {"sid": "a", "v": 2}).modified_count == 1
    after = coll.find_one_and_update(
        {"sid": "a"}, {"$inc": {"v": 10}}, return_document=pymongo.ReturnDocument.AFTER
    )
    assert after is not None and after["v"] == 12
    before = coll.find_one_and_update({"sid": "a"}, {"$inc": {"v": 1}})
    assert before is not None and before["v"] == 12
    created = coll.find_one_and_update(
        {"sid": "b"}, {"$set": {"v": 0}}, upsert=True, return_document=pymongo.ReturnDocument.AFTER
    )
    assert created is not None and created["sid"] == "b"
    assert coll.find_one_and_delete({"sid": "b"}) is not None
    assert coll.find_one({"sid": "b"}) is None


def test_driver_unique_index_and_list_indexes(client: pymongo.MongoClient[dict[str, Any]]) -> None:
    coll = client.idx.users
    assert coll.create_index("email", unique=True) == "email_1"
    coll.insert_one({"email": "a@example.org"})
    with pytest.raises(DuplicateKeyError) as err:
        coll.insert_one({"email": "a@example.org"})
    assert err.value.code == 11000
    names = {i["name"]: i for i in coll.list_indexes()}
    assert set(names) == {"_id_", "email_1"} and names["email_1"]["unique"] is True
    coll.drop_index("email_1")
    assert [i["name"] for i in coll.list_indexes()] == ["_id_"]


def test_driver_sees_mongods_errors(client: pymongo.MongoClient[dict[str, Any]]) -> None:
    with pytest.raises(OperationFailure) as err:
        client.admin.command("fsyncUnlock")
    assert err.value.code == 59  # CommandNotFound, as mongod answers an unknown command
    with pytest.raises(OperationFailure) as err:
        client.nodb.command("listIndexes", "missing")
    assert err.value.code == 26  # NamespaceNotFound
    client.dup.c.insert_one({})
    with pytest.raises(OperationFailure) as err:
        client.dup.command("create", "c")
    assert err.value.code == 48  # NamespaceExists


# --------------------------------------------------------------------------------------------
# Legacy opcodes, byte for byte


class Raw:
    """A socket speaking the wire protocol by hand."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.next_id = 100

    def send(self, op: int, payload: bytes) -> int:
        self.next_id += 1
        self.sock.sendall(struct.pack("<iiii", 16 + len(payload), self.next_id, 0, op) + payload)
        return self.next_id

    def recv(self) -> tuple[int, int, bytes]:
        header = self._exactly(16)
        length, _rid, response_to, op = struct.unpack("<iiii", header)
        return op, response_to, self._exactly(length - 16)

    def _exactly(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def query(self, ns: str, doc: dict[str, Any], n: int = 0, skip: int = 0) -> int:
        payload = struct.pack("<i", 0) + ns.encode() + b"\x00" + struct.pack("<ii", skip, n)
        return self.send(mw.OP_QUERY, payload + bson.encode(doc))

    def reply(self, request_id: int) -> tuple[int, int, int, list[dict[str, Any]]]:
        """(flags, cursor id, startingFrom, documents) of the OP_REPLY to request_id."""
        op, response_to, payload = self.recv()
        assert (op, response_to) == (mw.OP_REPLY, request_id)
        flags, cursor_id, start, count = struct.unpack_from("<iqii", payload)
        docs = bson.decode_all(payload[20:])
        assert len(docs) == count
        return flags, cursor_id, start, docs

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw(port: int) -> Iterator[Raw]:
    r = Raw(port)
    yield r
    r.close()


def test_op_query_handshake(raw: Raw) -> None:
    _flags, cursor_id, _start, docs = raw.reply(raw.query("admin.$cmd", {"isMaster": 1}, n=-1))
    assert cursor_id == 0 and len(docs) == 1
    assert docs[0]["ismaster"] is True and docs[0]["ok"] == 1.0
    assert docs[0]["minWireVersion"] == 0 and docs[0]["maxWireVersion"] >= 2
    # A command wrapped in $query (as drivers send it with a read preference).
    wrapped = {"$query": {"ping": 1}, "$readPreference": {"mode": "primary"}}
    assert raw.reply(raw.query("admin.$cmd", wrapped, n=-1))[3][0]["ok"] == 1.0


def test_op_query_collection_cursor_get_more_and_kill(raw: Raw) -> None:
    docs = [{"_id": i, "k": 100 - i} for i in range(10)]
    insert = {"insert": "legacy", "documents": docs, "ordered": True}
    assert raw.reply(raw.query("old.$cmd", insert, n=-1))[3][0]["n"] == 10
    # $query/$orderby with numberToReturn 4: four documents and a cursor for the rest.
    request = raw.query("old.legacy", {"$query": {"_id": {"$gte": 2}}, "$orderby": {"k": 1}}, n=4)
    _flags, cursor_id, _start, first = raw.reply(request)
    assert [d["_id"] for d in first] == [9, 8, 7, 6] and cursor_id != 0
    get_more = struct.pack("<i", 0) + b"old.legacy\x00" + struct.pack("<iq", 0, cursor_id)
    _flags, left, start, rest = raw.reply(raw.send(mw.OP_GET_MORE, get_more))
    assert [d["_id"] for d in rest] == [5, 4, 3, 2] and left == 0 and start == 4
    # The cursor is gone: CursorNotFound.
    flags, _c, _s, none = raw.reply(raw.send(mw.OP_GET_MORE, get_more))
    assert flags & mw.REPLY_CURSOR_NOT_FOUND and none == []
    # A negative numberToReturn: one batch, no cursor.
    _f, no_cursor, _s, two = raw.reply(raw.query("old.legacy", {}, n=-2, skip=1))
    assert no_cursor == 0 and [d["_id"] for d in two] == [1, 2]
    # OP_KILL_CURSORS has no reply; the killed cursor is gone.
    _f, cursor_id, _s, _d = raw.reply(raw.query("old.legacy", {}, n=3))
    raw.send(mw.OP_KILL_CURSORS, struct.pack("<iiq", 0, 1, cursor_id))
    get_more = struct.pack("<i", 0) + b"old.legacy\x00" + struct.pack("<iq", 0, cursor_id)
    assert raw.reply(raw.send(mw.OP_GET_MORE, get_more))[0] & mw.REPLY_CURSOR_NOT_FOUND


def _op_msg(body: dict[str, Any], sequences: dict[str, list[dict[str, Any]]], flags: int) -> bytes:
    payload = struct.pack("<I", flags) + b"\x00" + bson.encode(body)
    for name, docs in sequences.items():
        section = name.encode() + b"\x00" + b"".join(bson.encode(d) for d in docs)
        payload += b"\x01" + struct.pack("<i", 4 + len(section)) + section
    if flags & mw.MSG_CHECKSUM_PRESENT:
        payload += b"\x00\x00\x00\x00"  # crc32c; mongod checks it, the stand-in does not
    return payload


def test_op_msg_document_sequence_more_to_come_and_checksum(raw: Raw) -> None:
    body = {"insert": "seq", "$db": "msg", "writeConcern": {"w": 0}}
    docs = [{"_id": 1}, {"_id": 2}, {"_id": 3}]
    flags = mw.MSG_MORE_TO_COME | mw.MSG_CHECKSUM_PRESENT
    raw.send(mw.OP_MSG, _op_msg(body, {"documents": docs}, flags))  # no reply to this one
    request = raw.send(mw.OP_MSG, _op_msg({"count": "seq", "$db": "msg"}, {}, 0))
    op, response_to, payload = raw.recv()
    assert (op, response_to) == (mw.OP_MSG, request)  # the next reply answers the count
    assert bson.decode(payload[5:]) == {"n": 3, "ok": 1.0}


def test_unparseable_messages_close_the_connection(raw: Raw) -> None:
    with pytest.raises(mw.ProtocolError):
        mw.parse(mw.OP_MSG, 1, struct.pack("<I", 0))  # no body section
    with pytest.raises(mw.ProtocolError):
        mw.parse(2002, 1, b"")  # OP_INSERT: drivers since 2.6 send write commands
    raw.sock.sendall(struct.pack("<iiii", 8, 1, 0, mw.OP_MSG))  # length below the header's
    with pytest.raises(ConnectionError):
        raw.recv()


def test_mongod_options_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    """`mongod --bind_ip_all --smallfiles` (Compose commands) parses: the unknown one is named."""
    parsed = []

    async def fake_serve(self: object, host: str, port: int) -> None:
        parsed.append((host, port))

    original = mw.Server.serve
    mw.Server.serve = fake_serve
    try:
        assert mw.main(["mongod", "--bind_ip_all", "--smallfiles", "--port", "27018"]) == 0
    finally:
        mw.Server.serve = original
    assert parsed == [("0.0.0.0", 27018)]
    assert "--smallfiles" in capsys.readouterr().out
