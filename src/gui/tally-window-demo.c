/* tally-window-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's first run and its demo data. With nothing collected yet,
 * the content says how to send data to the collector (its real address,
 * a curl line, the OpenTelemetry variables) instead of showing empty
 * panels, and turns to the dashboard by itself when the first events
 * arrive. "Explore Demo Data" writes a month of demo traffic into the
 * demo store (as `tally demo` does) on a thread, with progress, and shows
 * the dashboards on it, with a "Demo Data" button in the header that goes
 * back to the user's own store. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tally-demo-store.h"
#include "tally-paths.h"
#include "tally-window-private.h"

/* The source the page shows: the demo store's while it is open. */
static TallySource *
shown_source (TallyWindow *self)
{
  if (self->demo_source != NULL)
    return self->demo_source;
  return tally_window_get_chosen_source (self);
}

static void
update_welcome_text (TallyWindow *self)
{
  TallyCollector *collector = tally_application_get_collector (self->application);
  const char *address = collector ? tally_collector_get_address (collector) : NULL;
  g_autofree char *curl = NULL;
  g_autofree char *otel = NULL;

  if (address == NULL)
    address = "127.0.0.1:4318";
  curl = g_strdup_printf ("curl http://%s/v1/events -H 'Content-Type: application/json' \\\n"
                          "  -d '{\"model\": \"gpt-4o\", \"input_tokens\": 1200, "
                          "\"output_tokens\": 300, \"latency_ms\": 850, \"status\": 200}'",
                          address);
  otel = g_strdup_printf ("OTEL_EXPORTER_OTLP_PROTOCOL=http/json\n"
                          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://%s/v1/traces", address);
  gtk_label_set_label (self->welcome_curl, curl);
  gtk_label_set_label (self->welcome_otel, otel);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TallyWindow *self = TALLY_WINDOW (object);
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A store that cannot be counted is the banner's business: show the
   * dashboard, whose panels say what is wrong. */
  if (count == 0 && self->demo_source == NULL && self->remote_name == NULL)
    {
      update_welcome_text (self);
      gtk_stack_set_visible_child_name (self->content_stack, "welcome");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "dashboard");
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 count = tally_store_count_events (task_data, &error);

  if (count < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, MIN (count, G_MAXSSIZE));
}

/* Whether anything was ever collected, counted off the main thread. */
void
tally_window_check_first_run (TallyWindow *self)
{
  TallyStore *store = self->application ? tally_application_get_store (self->application) : NULL;
  g_autoptr(GTask) task = NULL;

  if (store == NULL || self->demo_source != NULL || self->remote_name != NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "dashboard");
      return;
    }
  task = g_task_new (self, self->cancellable, counted_cb, NULL);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, count_thread);
}

static void
source_changed_cb (TallyWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "welcome") == 0)
    tally_window_check_first_run (self);
}

/* The app's source appears once its store is open. */
void
tally_window_update_source (TallyWindow *self)
{
  TallySource *source = self->application ? tally_application_get_source (self->application)
                                          : NULL;

  if (source != NULL)
    g_signal_connect_object (source, "changed", G_CALLBACK (source_changed_cb), self,
                             G_CONNECT_SWAPPED);
  tally_dashboard_page_set_source (self->dashboard_page, shown_source (self));
  tally_window_update_editor (self);
  tally_window_check_first_run (self);
}

typedef struct
{
  GWeakRef  window;
  double    fraction;
} DemoProgress;

static gboolean
show_progress_cb (gpointer data)
{
  DemoProgress *progress = data;
  g_autoptr(TallyWindow) self = g_weak_ref_get (&progress->window);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->demo_progress, progress->fraction);
  g_weak_ref_clear (&progress->window);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static gboolean
demo_batch_cb (GPtrArray               *events,
               const TallyDemoProgress *progress,
               gpointer                 user_data,
               GError                 **error)
{
  DemoProgress *shown = g_new0 (DemoProgress, 1);

  g_weak_ref_init (&shown->window, g_task_get_source_object (user_data));
  shown->fraction = progress->days ? (double) progress->days_done / progress->days : 0;
  g_idle_add (show_progress_cb, shown);
  return TRUE;
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autofree char *path = tally_paths_get_demo_store_file ();
  g_autofree char *dir = g_path_get_dirname (path);
  GError *error = NULL;
  TallyDemoParams params;
  TallyStore *store;

  tally_demo_params_init (&params);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               _("Cannot create the folder %s: %s"), dir, g_strerror (errsv));
      return;
    }
  if (!tally_demo_store_fill (path, TRUE, &params, demo_batch_cb, task, cancellable, NULL, NULL,
                              &error) ||
      (store = tally_store_open (path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, store, g_object_unref);
}

static void
demo_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TallyWindow *self = TALLY_WINDOW (object);
  g_autoptr(GError) error = NULL;
  TallyStore *store = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.explore-demo", TRUE);
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tally_window_show_error (self, _("Cannot write the demo data: %s"), error->message);
      return;
    }

  g_clear_object (&self->demo_store);
  g_clear_object (&self->demo_source);
  self->demo_store = store;
  self->demo_source = TALLY_SOURCE (tally_local_source_new (store));
  gtk_widget_set_visible (GTK_WIDGET (self->demo_indicator), TRUE);
  tally_dashboard_page_set_source (self->dashboard_page, self->demo_source);
  gtk_stack_set_visible_child_name (self->content_stack, "dashboard");
}

void
tally_window_explore_demo (TallyWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  self->demo_cancellable = g_cancellable_new ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.explore-demo", FALSE);
  gtk_progress_bar_set_fraction (self->demo_progress, 0);
  gtk_progress_bar_set_text (self->demo_progress, _("Writing a month of demo traffic…"));
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), TRUE);

  task = g_task_new (self, self->demo_cancellable, demo_ready_cb, NULL);
  g_task_run_in_thread (task, demo_thread);
}

void
tally_window_leave_demo (TallyWindow *self)
{
  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_source);
  g_clear_object (&self->demo_store);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_indicator), FALSE);
  tally_dashboard_page_set_source (self->dashboard_page, shown_source (self));
  tally_window_update_editor (self);
  tally_window_check_first_run (self);
}

static void
explore_demo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tally_window_explore_demo (TALLY_WINDOW (widget));
}

static void
leave_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  tally_window_leave_demo (TALLY_WINDOW (widget));
}

void
tally_window_class_init_demo (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.explore-demo", NULL, explore_demo_action);
  gtk_widget_class_install_action (widget_class, "win.leave-demo", NULL, leave_demo_action);
}
