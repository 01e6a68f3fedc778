/*
 * sanxiang.ledger._native — the hot loop of `sanxiang ledger verify` on SQLite, in C.
 *
 * A full verification in Python spends most of its time turning every row into Python objects
 * (the 1.3 KB record bytes above all) and rebuilding each record's head and tail to compare with
 * its query columns; hashing, the actual work, is a third of it. This module reads one chunk of
 * an agency's entries through SQLite's C API on its own connection, checks the query columns
 * against the record bytes, and hashes the leaves with OpenSSL, handing back only the hashes.
 *
 * It only ever answers "this chunk is in order and every column matches its bytes; here are the
 * leaf hashes", or None. None means "ask the Python path": that path names the bad row and the
 * problem, so every verdict about tampering comes from one implementation (verification.py).
 * None is returned for anything this module does not handle exactly as the Python code would:
 * an index out of sequence, a column with a character JSON escapes or that is not valid UTF-8, a time not
 * in the two forms Django writes, a year before 1992 (Asia/Shanghai last changed its offset in
 * 1991), a leaf hash that is not 32 bytes, a value of an unexpected type, or any SQLite error.
 *
 * scan(path, sql, agency_id, start, stop, agency_json, version)
 *     -> (fetched, leaf_hashes, stored_leaf_hashes, seals) | None
 *
 * `sql` selects: index, kind, subject, actor_id, actor_username, recorded_at, leaf_data,
 * leaf_hash, seal for (agency_id, start <= index < stop) in index order (verification._ROW_SQL,
 * with `?` placeholders). `agency_json` is the agency's slug as a JSON string. The hashes come
 * back concatenated, 32 bytes each; seals as a list of (index, seal) for rows that have one.
 * The record format mirrored here is records.record_bytes.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HASH_SIZE 32
#define MMAP_BYTES 1073741824

typedef struct {
    unsigned char *data;
    size_t len;
    size_t cap;
} Buffer;

static int buffer_reserve(Buffer *buffer, size_t extra) {
    if (buffer->len + extra <= buffer->cap) {
        return 1;
    }
    size_t cap = buffer->cap ? buffer->cap : 4096;
    while (cap < buffer->len + extra) {
        cap *= 2;
    }
    unsigned char *data = realloc(buffer->data, cap);
    if (data == NULL) {
        return 0;
    }
    buffer->data = data;
    buffer->cap = cap;
    return 1;
}

static int buffer_add(Buffer *buffer, const void *bytes, size_t len) {
    if (!buffer_reserve(buffer, len)) {
        return 0;
    }
    if (len) {
        memcpy(buffer->data + buffer->len, bytes, len);
    }
    buffer->len += len;
    return 1;
}

static int buffer_str(Buffer *buffer, const char *text) { return buffer_add(buffer, text, strlen(text)); }

/* Decimal, as Python's %d writes it. */
static int buffer_int(Buffer *buffer, long long value) {
    char text[24];
    int pos = sizeof text;
    unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do {
        text[--pos] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) {
        text[--pos] = '-';
    }
    return buffer_add(buffer, text + pos, sizeof text - pos);
}

/* A column value that JSON writes as itself between quotes, as Python's json module does with
 * ensure_ascii=False: valid UTF-8 (what Python's strict decoder accepts: no overlong forms, no
 * surrogates, nothing past U+10FFFF) without '"', '\\' or a control character below 0x20.
 * Anything else (JSON would escape it, or Python could not decode it) goes to the Python path. */
static int plain(const unsigned char *text, int len) {
    int i = 0;
    while (i < len) {
        unsigned char c = text[i];
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\') {
                return 0;
            }
            i++;
            continue;
        }
        int more;
        unsigned char low = 0x80, high = 0xbf; /* bounds of the first continuation byte */
        if (c >= 0xc2 && c <= 0xdf) {
            more = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            if (c == 0xe0) low = 0xa0;  /* no overlong three-byte forms */
            if (c == 0xed) high = 0x9f; /* no surrogates */
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            if (c == 0xf0) low = 0x90;  /* no overlong four-byte forms */
            if (c == 0xf4) high = 0x8f; /* nothing past U+10FFFF */
        } else {
            return 0;
        }
        if (i + more >= len) { /* a sequence cut short */
            return 0;
        }
        if (text[i + 1] < low || text[i + 1] > high) {
            return 0;
        }
        for (int k = 2; k <= more; k++) {
            if (text[i + k] < 0x80 || text[i + k] > 0xbf) {
                return 0;
            }
        }
        i += more + 1;
    }
    return 1;
}

static int digits(const unsigned char *text, int count, int *value) {
    int result = 0;
    for (int i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9') {
            return 0;
        }
        result = result * 10 + (text[i] - '0');
    }
    *value = result;
    return 1;
}

static int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
        return 29;
    }
    return days[month - 1];
}

/* The record's time text (shanghai_iso: "YYYY-MM-DDTHH:MM:SS.ffffff+08:00", 32 characters) from
 * the column as Django stores it on SQLite: UTC, "YYYY-MM-DD HH:MM:SS" with ".ffffff" unless the
 * microseconds are 0. Returns 0 for anything else. `out` holds 64 bytes. */
static int shanghai_time(const unsigned char *raw, int len, char out[64]) {
    int year, month, day, hour, minute, second, micro = 0;
    if (len != 19 && len != 26) {
        return 0;
    }
    if (raw[4] != '-' || raw[7] != '-' || raw[10] != ' ' || raw[13] != ':' || raw[16] != ':') {
        return 0;
    }
    if (!digits(raw, 4, &year) || !digits(raw + 5, 2, &month) || !digits(raw + 8, 2, &day) ||
        !digits(raw + 11, 2, &hour) || !digits(raw + 14, 2, &minute) ||
        !digits(raw + 17, 2, &second)) {
        return 0;
    }
    if (len == 26) {
        if (raw[19] != '.' || !digits(raw + 20, 6, &micro) || micro == 0) {
            return 0; /* Django writes no fraction for 0 microseconds: another form, not ours */
        }
    }
    if (year < 1992 || year > 9998 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59) {
        return 0;
    }
    hour += 8;
    if (hour > 23) {
        hour -= 24;
        if (++day > days_in_month(year, month)) {
            day = 1;
            if (++month > 12) {
                month = 1;
                year++;
            }
        }
    }
    return snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%06d+08:00", year, month, day, hour,
                    minute, second, micro) == 32;
}

/* One connection, statement and digest context per process, kept between calls (opening a
 * connection and parsing the schema costs about as much as checking a thousand rows). A forked
 * child never uses its parent's: it forgets them (SQLite forbids carrying a connection across
 * fork) and opens its own. `close()` lets them go. */
static struct {
    sqlite3 *db;
    sqlite3_stmt *stmt;
    char *path;
    char *sql;
    pid_t pid;
    EVP_MD *md;
    EVP_MD_CTX *ctx;
} cache;

static void cache_close(void) {
    if (cache.pid == getpid()) {
        if (cache.stmt) sqlite3_finalize(cache.stmt);
        if (cache.db) sqlite3_close_v2(cache.db);
        if (cache.ctx) EVP_MD_CTX_free(cache.ctx);
        if (cache.md) EVP_MD_free(cache.md);
        free(cache.path);
        free(cache.sql);
    }
    memset(&cache, 0, sizeof cache);
}

/* 1: cache.stmt is ready for this path and SQL; 0: SQLite said no; -1: out of memory. */
static int cache_open(const char *path, const char *sql) {
    if (cache.pid == getpid() && cache.stmt && strcmp(cache.path, path) == 0 &&
        strcmp(cache.sql, sql) == 0) {
        sqlite3_reset(cache.stmt);
        return 1;
    }
    cache_close();
    cache.pid = getpid();
    cache.path = strdup(path);
    cache.sql = strdup(sql);
    cache.md = EVP_MD_fetch(NULL, "SHA256", NULL);
    cache.ctx = EVP_MD_CTX_new();
    if (cache.path == NULL || cache.sql == NULL || cache.md == NULL || cache.ctx == NULL) {
        cache_close();
        return -1;
    }
    /* Read-write without create: a read-only connection cannot open a WAL database whose
     * shared-memory file it may have to create. query_only keeps it from writing anything. */
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA mmap_size = %d", MMAP_BYTES);
    if (sqlite3_open_v2(path, &cache.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(cache.db, "PRAGMA query_only = 1", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(cache.db, pragma, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(cache.db, sql, -1, &cache.stmt, NULL) != SQLITE_OK ||
        sqlite3_column_count(cache.stmt) != 9) {
        cache_close();
        return 0;
    }
    return 1;
}

typedef struct {
    sqlite3_stmt *stmt;
    Buffer leaves;
    Buffer stored;
    Buffer expected; /* a row's head, then its tail */
    Buffer seal_rows; /* (index, offset into seal_bytes, length) triples */
    Buffer seal_bytes;
    const unsigned char *last_raw_time; /* rows of one append share a time: convert it once */
    Buffer last_raw;
    char time_text[64];
} Scan;

static void scan_free(Scan *scan) {
    if (scan->stmt) {
        sqlite3_reset(scan->stmt); /* ends the read transaction: nothing held between calls */
        sqlite3_clear_bindings(scan->stmt);
    }
    free(scan->leaves.data);
    free(scan->stored.data);
    free(scan->expected.data);
    free(scan->seal_rows.data);
    free(scan->seal_bytes.data);
    free(scan->last_raw.data);
}

typedef struct {
    long long index;
    size_t offset;
    size_t length;
} SealRow;

/* 1: the row is in order, plain, and its columns are the fields of its bytes (leaf hash, stored
 * hash and seal recorded); 0: hand the chunk to Python; -1: out of memory or OpenSSL error. */
static int check_row(Scan *scan, long long expected_index, const char *agency_json,
                     Py_ssize_t agency_len, long version) {
    sqlite3_stmt *stmt = scan->stmt;
    if (sqlite3_column_type(stmt, 0) != SQLITE_INTEGER ||
        sqlite3_column_int64(stmt, 0) != expected_index) {
        return 0;
    }
    int types[] = {1, 2, 4, 5};
    for (int i = 0; i < 4; i++) {
        if (sqlite3_column_type(stmt, types[i]) == SQLITE_NULL) {
            return 0;
        }
    }
    const unsigned char *kind = sqlite3_column_blob(stmt, 1);
    int kind_len = sqlite3_column_bytes(stmt, 1);
    const unsigned char *subject = sqlite3_column_blob(stmt, 2);
    int subject_len = sqlite3_column_bytes(stmt, 2);
    int actor_type = sqlite3_column_type(stmt, 3);
    const unsigned char *username = sqlite3_column_blob(stmt, 4);
    int username_len = sqlite3_column_bytes(stmt, 4);
    const unsigned char *raw_time = sqlite3_column_text(stmt, 5);
    int raw_time_len = sqlite3_column_bytes(stmt, 5);
    if (sqlite3_column_type(stmt, 6) != SQLITE_BLOB || sqlite3_column_type(stmt, 7) != SQLITE_BLOB) {
        return 0;
    }
    const unsigned char *data = sqlite3_column_blob(stmt, 6);
    int data_len = sqlite3_column_bytes(stmt, 6);
    const unsigned char *leaf = sqlite3_column_blob(stmt, 7);
    int leaf_len = sqlite3_column_bytes(stmt, 7);
    int seal_type = sqlite3_column_type(stmt, 8);
    if (leaf_len != HASH_SIZE || (actor_type != SQLITE_NULL && actor_type != SQLITE_INTEGER) ||
        (seal_type != SQLITE_NULL && seal_type != SQLITE_BLOB)) {
        return 0;
    }
    if ((kind_len && kind == NULL) || (subject_len && subject == NULL) ||
        (username_len && username == NULL) || raw_time == NULL || data == NULL) {
        return 0;
    }
    if (actor_type == SQLITE_NULL && username_len != 0) {
        return 0; /* a username beside no actor: not the platform's row (Python names it) */
    }
    if (!plain(kind, kind_len) || !plain(subject, subject_len) ||
        !plain(username, username_len)) {
        return 0;
    }
    if (scan->last_raw_time == NULL || scan->last_raw.len != (size_t)raw_time_len ||
        memcmp(scan->last_raw.data, raw_time, (size_t)raw_time_len) != 0) {
        if (!shanghai_time(raw_time, raw_time_len, scan->time_text)) {
            return 0;
        }
        scan->last_raw.len = 0;
        if (!buffer_add(&scan->last_raw, raw_time, (size_t)raw_time_len)) return -1;
        scan->last_raw_time = scan->last_raw.data;
    }
    const char *time_text = scan->time_text;

    /* The head: {"actor":…,"agency":…,"index":N,"kind":"…","payload": */
    Buffer *expected = &scan->expected;
    expected->len = 0;
    if (!buffer_str(expected, "{\"actor\":")) return -1;
    if (actor_type == SQLITE_NULL) {
        if (!buffer_str(expected, "null")) return -1;
    } else {
        if (!buffer_str(expected, "{\"id\":") ||
            !buffer_int(expected, sqlite3_column_int64(stmt, 3)) ||
            !buffer_str(expected, ",\"username\":\"") ||
            !buffer_add(expected, username, (size_t)username_len) ||
            !buffer_str(expected, "\"}")) {
            return -1;
        }
    }
    if (!buffer_str(expected, ",\"agency\":") ||
        !buffer_add(expected, agency_json, (size_t)agency_len) ||
        !buffer_str(expected, ",\"index\":") || !buffer_int(expected, expected_index) ||
        !buffer_str(expected, ",\"kind\":\"") || !buffer_add(expected, kind, (size_t)kind_len) ||
        !buffer_str(expected, "\",\"payload\":")) {
        return -1;
    }
    size_t head_len = expected->len;
    /* The tail: ,"subject":"…","time":"…","v":V} */
    if (!buffer_str(expected, ",\"subject\":\"") ||
        !buffer_add(expected, subject, (size_t)subject_len) ||
        !buffer_str(expected, "\",\"time\":\"") || !buffer_str(expected, time_text) ||
        !buffer_str(expected, "\",\"v\":") || !buffer_int(expected, version) ||
        !buffer_str(expected, "}")) {
        return -1;
    }
    size_t tail_len = expected->len - head_len;
    if ((size_t)data_len < head_len + tail_len ||
        memcmp(data, expected->data, head_len) != 0 ||
        memcmp(data + data_len - tail_len, expected->data + head_len, tail_len) != 0) {
        return 0;
    }

    unsigned char digest[HASH_SIZE];
    unsigned int digest_len = 0;
    static const unsigned char leaf_prefix = 0x00;
    if (!EVP_DigestInit_ex2(cache.ctx, cache.md, NULL) ||
        !EVP_DigestUpdate(cache.ctx, &leaf_prefix, 1) ||
        !EVP_DigestUpdate(cache.ctx, data, (size_t)data_len) ||
        !EVP_DigestFinal_ex(cache.ctx, digest, &digest_len) || digest_len != HASH_SIZE) {
        return -1;
    }
    if (!buffer_add(&scan->leaves, digest, HASH_SIZE) ||
        !buffer_add(&scan->stored, leaf, HASH_SIZE)) {
        return -1;
    }
    if (seal_type == SQLITE_BLOB) {
        const void *seal = sqlite3_column_blob(stmt, 8);
        SealRow row = {expected_index, scan->seal_bytes.len, (size_t)sqlite3_column_bytes(stmt, 8)};
        if (row.length && seal == NULL) return 0;
        if (!buffer_add(&scan->seal_bytes, seal, row.length) ||
            !buffer_add(&scan->seal_rows, &row, sizeof row)) {
            return -1;
        }
    }
    return 1;
}

static PyObject *scan_result(Scan *scan, long long fetched) {
    size_t seal_count = scan->seal_rows.len / sizeof(SealRow);
    PyObject *seals = PyList_New((Py_ssize_t)seal_count);
    if (seals == NULL) return NULL;
    for (size_t i = 0; i < seal_count; i++) {
        SealRow *row = (SealRow *)scan->seal_rows.data + i;
        PyObject *item = Py_BuildValue(
            "(Ly#)", row->index, (const char *)scan->seal_bytes.data + row->offset,
            (Py_ssize_t)row->length);
        if (item == NULL) {
            Py_DECREF(seals);
            return NULL;
        }
        PyList_SET_ITEM(seals, (Py_ssize_t)i, item);
    }
    /* y# with a NULL pointer would give None: no rows are empty bytes. */
    const char *leaves = scan->leaves.data ? (const char *)scan->leaves.data : "";
    const char *stored = scan->stored.data ? (const char *)scan->stored.data : "";
    PyObject *result = Py_BuildValue("(Ly#y#N)", fetched, leaves, (Py_ssize_t)scan->leaves.len,
                                     stored, (Py_ssize_t)scan->stored.len, seals);
    return result;
}

static PyObject *native_scan(PyObject *Py_UNUSED(self), PyObject *args) {
    const char *path, *sql, *agency_json;
    Py_ssize_t agency_len;
    long long agency_id, start, stop;
    long version;
    if (!PyArg_ParseTuple(args, "ssLLLy#l", &path, &sql, &agency_id, &start, &stop, &agency_json,
                          &agency_len, &version)) {
        return NULL;
    }
    Scan scan = {0};
    PyObject *result = NULL;
    long long fetched = 0;
    int status = cache_open(path, sql);
    if (status != 1) {
        goto done;
    }
    scan.stmt = cache.stmt;
    if (sqlite3_bind_int64(scan.stmt, 1, agency_id) != SQLITE_OK ||
        sqlite3_bind_int64(scan.stmt, 2, start) != SQLITE_OK ||
        sqlite3_bind_int64(scan.stmt, 3, stop) != SQLITE_OK) {
        status = 0;
        goto done;
    }
    for (;;) {
        int step = sqlite3_step(scan.stmt);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) {
            status = 0;
            break;
        }
        status = check_row(&scan, start + fetched, agency_json, agency_len, version);
        if (status != 1) break;
        fetched++;
    }
done:
    if (status == 1) {
        result = scan_result(&scan, fetched);
    } else if (status == 0) {
        result = Py_NewRef(Py_None);
    } else {
        PyErr_SetString(PyExc_MemoryError, "ledger native scan: out of memory or OpenSSL error");
    }
    scan_free(&scan);
    return result;
}

static PyObject *native_close(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args)) {
    cache_close();
    Py_RETURN_NONE;
}

/* The column rule on its own, for the tests: does JSON write these bytes as themselves? */
static PyObject *native_json_plain(PyObject *Py_UNUSED(self), PyObject *args) {
    const char *text;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "y#", &text, &len)) {
        return NULL;
    }
    if (len > 0x7fffffff) {
        Py_RETURN_FALSE;
    }
    return PyBool_FromLong(plain((const unsigned char *)text, (int)len));
}

static PyMethodDef methods[] = {
    {"json_plain", native_json_plain, METH_VARARGS,
     "json_plain(data) -> bool: valid UTF-8 that JSON writes unescaped (the scan's column rule)"},
    {"close", native_close, METH_NOARGS, "close() -> None: let this process's connection go."},
    {"scan", native_scan, METH_VARARGS,
     "scan(path, sql, agency_id, start, stop, agency_json, version) -> "
     "(fetched, leaf_hashes, stored_leaf_hashes, seals) | None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "sanxiang.ledger._native",
    "The hot loop of ledger verification on SQLite (see verification.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
