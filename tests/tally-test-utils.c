/* tally-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What every test shares: the guard that it runs in its own home inside the
 * build tree, temporary folders, and running the `tally` executable. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tally-store.h"
#include "tally-test-utils.h"

static const char *home_variables[] = {
  "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
};

/* Refuses to run unless every home variable points into the build tree,
 * so a test can never read or write the real home. */
void
tally_test_init (int    *argc,
                 char ***argv)
{
  const char *build_dir;

  g_test_init (argc, argv, NULL);

  build_dir = g_getenv ("G_TEST_BUILDDIR");
  g_assert_nonnull (build_dir);

  for (guint i = 0; i < G_N_ELEMENTS (home_variables); i++)
    {
      const char *value = g_getenv (home_variables[i]);

      if (value == NULL || !g_str_has_prefix (value, build_dir))
        g_error ("%s must point into the build tree (%s), not %s",
                 home_variables[i], build_dir, value ? value : "(unset)");
      g_assert_cmpint (g_mkdir_with_parents (value, 0700), ==, 0);
    }
}

/* A fresh folder under the test's own home; the caller removes it or lets
 * the next run's home reset do so. */
char *
tally_test_make_tmp_dir (void)
{
  g_autofree char *template = g_build_filename (g_getenv ("HOME"), "tmp-XXXXXX", NULL);
  char *dir = g_mkdtemp (g_steal_pointer (&template));

  g_assert_nonnull (dir);
  return dir;
}

/* Runs the built `tally` with @args (NULL-terminated, without argv[0]) in
 * the test's environment plus @extra_env ("NAME=value" strings, or NULL). */
gboolean
tally_test_run_tally (const char * const  *args,
                      const char * const  *extra_env,
                      char               **out_stdout,
                      char               **out_stderr,
                      int                 *out_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *tally = g_getenv ("TALLY_BIN");
  int wait_status = 0;
  gboolean ok;

  g_assert_nonnull (tally);
  g_ptr_array_add (argv, (char *) tally);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (extra_env[i], "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  ok = g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     out_stdout, out_stderr, &wait_status, &error);
  g_assert_no_error (error);

  if (WIFEXITED (wait_status))
    *out_status = WEXITSTATUS (wait_status);
  else
    *out_status = -1;

  return ok;
}

/* Iterates the default main context until @predicate holds or @timeout_ms
 * pass. Returns whether it held. */
gboolean
tally_test_wait_until (gboolean (*predicate) (gpointer data),
                       gpointer   data,
                       guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult *
 * @user_data points to, for tally_test_wait_result(). */
void
tally_test_result_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Runs the main context until tally_test_result_cb() has stored a result
 * in *@result, and takes it. */
GAsyncResult *
tally_test_wait_result (GAsyncResult **result)
{
  g_assert_true (tally_test_wait_until (has_result, result, 10000));
  return g_steal_pointer (result);
}

/* The first column of the first row @sql gives on the SQLite file @path,
 * opened read-only, or -1 without a row. @attach: a second file, attached
 * as "half", or NULL. */
gint64
tally_test_sql_int (const char *path,
                    const char *attach,
                    const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (attach != NULL)
    {
      g_autofree char *sql_attach = g_strdup_printf ("ATTACH '%s' AS half", attach);

      g_assert_cmpint (sqlite3_exec (db, sql_attach, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* How many events the store at @db holds, as the store counts them. */
gint64
tally_test_count_events (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open_read_only (db, &error);
  gint64 n;

  g_assert_no_error (error);
  n = tally_store_count_events (store, &error);
  g_assert_no_error (error);
  return n;
}
