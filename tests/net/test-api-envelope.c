/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-api-envelope"

#include <string.h>

#include "cd-api-paths.h"
#include "cd-api-response.h"
#include "cd-error.h"

/* The envelope parsers and the path table, without a network. */

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_success_envelope (void)
{
  g_autoptr(GBytes) body =
    text_bytes ("{\"data\": {\"id\": 501}, \"message\": \"ok\", \"future\": 1,"
                " \"meta\": {\"count\": 1, \"page\": 1}, \"request_id\": \"r-1\"}");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *data;

  soup_message_headers_replace (headers, "ETag", "\"v7\"");
  soup_message_headers_replace (headers, "Content-Type", "application/json");
  response = cd_api_parse_success_envelope (200, body, headers, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_cmpuint (cd_api_response_get_http_status (response), ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (cd_api_response_get_data (response)));
  data = json_node_get_object (cd_api_response_get_data (response));
  g_assert_cmpint (json_object_get_int_member (data, "id"), ==, 501);
  g_assert_nonnull (cd_api_response_get_meta (response));
  g_assert_cmpint (json_object_get_int_member (cd_api_response_get_meta (response), "count"), ==, 1);
  g_assert_cmpstr (cd_api_response_get_message (response), ==, "ok");
  g_assert_cmpstr (cd_api_response_get_request_id (response), ==, "r-1");
  g_assert_cmpstr (cd_api_response_get_etag (response), ==, "\"v7\"");
  g_assert_cmpstr (cd_api_response_get_content_type (response), ==, "application/json");
  g_assert_false (cd_api_response_get_not_modified (response));
}

static void
test_success_null_data_and_headers (void)
{
  g_autoptr(GBytes) body = text_bytes ("{\"data\": null}");
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* data: null is present (e.g. a delete); no headers is fine for fuzzers. */
  response = cd_api_parse_success_envelope (200, body, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cd_api_response_get_data (response));
  g_assert_true (JSON_NODE_HOLDS_NULL (cd_api_response_get_data (response)));
  g_assert_null (cd_api_response_get_meta (response));
}

static void
test_success_not_modified (void)
{
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = cd_api_parse_success_envelope (304, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cd_api_response_get_not_modified (response));
  g_assert_null (cd_api_response_get_data (response));
}

static void
assert_bad_response (const char *text)
{
  g_autoptr(GBytes) body = text ? text_bytes (text) : NULL;
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = cd_api_parse_success_envelope (200, body, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (error->message);
}

static void
test_success_bad_envelopes (void)
{
  assert_bad_response (NULL);
  assert_bad_response ("");
  assert_bad_response ("{\"data\": {\"id\": 1");         /* truncated */
  assert_bad_response ("[1, 2, 3]");                      /* not an object */
  assert_bad_response ("\"data\"");
  assert_bad_response ("{\"message\": \"no data\"}");    /* missing data */
  assert_bad_response ("{\"data\": {}, \"meta\": [1]}"); /* wrong types */
  assert_bad_response ("{\"data\": {}, \"message\": 5}");
  assert_bad_response ("{\"data\": {}, \"request_id\": {}}");
  assert_bad_response ("\xff\xfe garbage");
}

static void
test_error_envelope (void)
{
  g_autoptr(GBytes) body =
    text_bytes ("{\"error\": \"Phone is invalid\", \"error_code\": \"VALIDATION_FAILED\","
                " \"errors\": {\"phone_e164\": [\"must be E.164\", \"is required\"],"
                " \"email\": \"is taken\", \"weird\": 5}, \"request_id\": \"req-9\"}");
  g_autoptr(GError) error = cd_api_parse_error_envelope (422, body, NULL);
  g_auto(GStrv) fields = NULL;
  const char * const *messages;

  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==, "Phone is invalid");
  g_assert_cmpstr (cd_api_error_get_error_code (error), ==, "VALIDATION_FAILED");
  g_assert_cmpstr (cd_api_error_get_request_id (error), ==, "req-9");
  g_assert_cmpuint (cd_api_error_get_http_status (error), ==, 422);
  fields = cd_api_error_dup_fields (error);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_cmpstr (fields[0], ==, "email");
  g_assert_cmpstr (fields[1], ==, "phone_e164");
  messages = cd_api_error_get_field_messages (error, "phone_e164");
  g_assert_cmpstr (messages[0], ==, "must be E.164");
  g_assert_cmpstr (messages[1], ==, "is required");
  g_assert_null (messages[2]);
}

static void
test_error_status_codes (void)
{
  const struct { guint status; int code; } cases[] = {
    { 400, CD_API_ERROR_VALIDATION },
    { 401, CD_API_ERROR_UNAUTHORIZED },
    { 403, CD_API_ERROR_FORBIDDEN },
    { 404, CD_API_ERROR_NOT_FOUND },
    { 409, CD_API_ERROR_CONFLICT },
    { 412, CD_API_ERROR_PRECONDITION_FAILED },
    { 422, CD_API_ERROR_VALIDATION },
    { 429, CD_API_ERROR_RATE_LIMITED },
    { 500, CD_API_ERROR_SERVER },
    { 503, CD_API_ERROR_SERVER },
    { 418, CD_API_ERROR_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = cd_api_parse_error_envelope (cases[i].status, NULL, NULL);

      g_assert_error (error, CD_API_ERROR, cases[i].code);
      g_assert_cmpuint (cd_api_error_get_http_status (error), ==, cases[i].status);
      /* A generic message for the status when the server sent none. */
      g_assert_cmpuint (strlen (error->message), >, 0);
    }
}

static void
test_error_tolerant (void)
{
  const char *bodies[] = {
    "", "<html>Bad gateway</html>", "{\"error\": 42}", "[]", "null",
    "{\"error\": {\"message\": \"nested\"}}", "{\"errors\": [1, 2]}",
    "{\"errors\": {\"a\": [1, null, {}]}}", "\xc3\x28 invalid utf8",
  };
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  soup_message_headers_replace (headers, "X-Request-Id", "hdr-1");
  soup_message_headers_replace (headers, "Retry-After", "7");
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = text_bytes (bodies[i]);
      g_autoptr(GError) error = cd_api_parse_error_envelope (429, body, headers);

      g_assert_error (error, CD_API_ERROR, CD_API_ERROR_RATE_LIMITED);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_assert_cmpstr (cd_api_error_get_request_id (error), ==, "hdr-1");
      g_assert_cmpuint (cd_api_error_get_retry_after (error), ==, 7);
    }
}

static void
test_error_huge_message_bounded (void)
{
  g_autoptr(GString) text = g_string_new ("{\"error\": \"");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"}");
  body = text_bytes (text->str);
  error = cd_api_parse_error_envelope (500, body, NULL);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_SERVER);
  g_assert_cmpuint (strlen (error->message), <=, 4000);
}

/* Every prefix and many byte flips of real envelopes: never a crash, and
 * always exactly one of response or error. */
static void
test_parsers_survive_garbage (void)
{
  const char *samples[] = {
    "{\"data\": {\"id\": 501, \"tags\": [\"vip\"], \"dnc\": {\"listed\": false}},"
    " \"meta\": {\"count\": 1}, \"message\": \"ok\", \"request_id\": \"r\"}",
    "{\"error\": \"Bad\", \"error_code\": \"VALIDATION_FAILED\","
    " \"errors\": {\"email\": [\"is invalid\"]}, \"request_id\": \"r\"}",
  };

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      gsize len = strlen (samples[s]);

      for (gsize cut = 0; cut <= len; cut++)
        for (guint flip = 0; flip < 4; flip++)
          {
            g_autofree char *text = g_strndup (samples[s], cut);
            g_autoptr(GBytes) body = NULL;
            g_autoptr(CdApiResponse) response = NULL;
            g_autoptr(GError) error = NULL;
            g_autoptr(GError) api_error = NULL;

            if (flip > 0 && cut > 0)
              text[g_test_rand_int_range (0, (gint32) cut)] = (char) g_test_rand_int_range (1, 256);
            body = g_bytes_new (text, cut);
            response = cd_api_parse_success_envelope (200, body, NULL, &error);
            g_assert_true ((response == NULL) != (error == NULL));
            if (error != NULL)
              g_assert_true (g_utf8_validate (error->message, -1, NULL));
            api_error = cd_api_parse_error_envelope (400 + flip, body, NULL);
            g_assert_nonnull (api_error);
            g_assert_true (g_utf8_validate (api_error->message, -1, NULL));
          }
    }
}

static void
test_paths (void)
{
  const char *fact_args[] = { "501", "preferred time/zone?", NULL };
  const char *too_few[] = { "501", NULL };
  g_autofree char *fact = cd_api_endpoint_expand (CD_API_ENDPOINT_PUT_MEMORY_FACT, fact_args);
  g_autofree char *bad = cd_api_endpoint_expand (CD_API_ENDPOINT_PUT_MEMORY_FACT, too_few);
  g_autofree char *me = cd_api_endpoint_expand (CD_API_ENDPOINT_ME, NULL);

  g_assert_cmpstr (fact, ==, "/contacts/501/memory/facts/preferred%20time%2Fzone%3F");
  g_assert_null (bad);
  g_assert_cmpstr (me, ==, "/me");
  g_assert_cmpstr (cd_api_endpoint_get_method (CD_API_ENDPOINT_GDPR_ERASE_CONTACT), ==, "DELETE");
  g_assert_cmpstr (cd_api_endpoint_get_path (CD_API_ENDPOINT_GDPR_ERASE_CONTACT), ==,
                   "/contacts/{}/gdpr_delete");
  for (guint i = 0; i < CD_API_N_ENDPOINTS; i++)
    {
      g_assert_nonnull (cd_api_endpoint_get_method (i));
      g_assert_true (g_str_has_prefix (cd_api_endpoint_get_path (i), "/"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/net/envelope/success", test_success_envelope);
  g_test_add_func ("/net/envelope/success-null-data", test_success_null_data_and_headers);
  g_test_add_func ("/net/envelope/not-modified", test_success_not_modified);
  g_test_add_func ("/net/envelope/bad", test_success_bad_envelopes);
  g_test_add_func ("/net/envelope/error", test_error_envelope);
  g_test_add_func ("/net/envelope/error-status-codes", test_error_status_codes);
  g_test_add_func ("/net/envelope/error-tolerant", test_error_tolerant);
  g_test_add_func ("/net/envelope/error-huge-message", test_error_huge_message_bounded);
  g_test_add_func ("/net/envelope/garbage", test_parsers_survive_garbage);
  g_test_add_func ("/net/paths", test_paths);

  return g_test_run ();
}
