/* tally-collector-indicator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector in the window's header bar: an icon for its state
 * (listening, off, an error, or on its way), and a popover with the
 * address programs post to (with a copy button), the state in words and
 * the error when there is one, the events received since Tally started,
 * and the way to Preferences. It follows the application's collector,
 * store and "collector-enabled" setting. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-collector-indicator.h"

typedef enum
{
  STATE_STARTING,
  STATE_LISTENING,
  STATE_OFF,
  STATE_ERROR,
} State;

struct _TallyCollectorIndicator
{
  GtkWidget         parent_instance;

  TallyApplication *application;
  TallyCollector   *collector;
  char             *url;

  GtkMenuButton    *button;
  GtkPopover       *popover;
  GtkLabel         *state_label;
  GtkLabel         *message_label;
  GtkWidget        *address_box;
  GtkLabel         *url_label;
  GtkLabel         *events_label;
  GtkLabel         *rejected_label;
  GtkWidget        *retry_button;
};

G_DEFINE_FINAL_TYPE (TallyCollectorIndicator, tally_collector_indicator, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *state_icons[] = {
  [STATE_STARTING] = "network-idle-symbolic",
  [STATE_LISTENING] = "network-receive-symbolic",
  [STATE_OFF] = "network-offline-symbolic",
  [STATE_ERROR] = "network-error-symbolic",
};

GtkWidget *
tally_collector_indicator_new (void)
{
  return g_object_new (TALLY_TYPE_COLLECTOR_INDICATOR, NULL);
}

/* The state, and in @message why or what to do. */
static State
describe_state (TallyCollectorIndicator  *self,
                char                    **message)
{
  const char *store_error = tally_application_get_store_error (self->application);

  if (!g_settings_get_boolean (tally_application_get_settings (self->application),
                               "collector-enabled"))
    {
      *message = g_strdup (_("Tally receives no usage events. Turn the collector on in "
                             "Preferences."));
      return STATE_OFF;
    }

  if (self->collector == NULL && store_error != NULL)
    {
      *message = g_strdup_printf (_("The store cannot be opened: %s"), store_error);
      return STATE_ERROR;
    }

  switch (self->collector ? tally_collector_get_state (self->collector) : TALLY_COLLECTOR_STOPPED)
    {
    case TALLY_COLLECTOR_LISTENING:
      *message = g_strdup (_("Programs and OpenTelemetry SDKs send usage events to this address."));
      return STATE_LISTENING;
    case TALLY_COLLECTOR_FAILED:
      *message = g_strdup (tally_collector_get_error_message (self->collector));
      return STATE_ERROR;
    case TALLY_COLLECTOR_STOPPED:
    case TALLY_COLLECTOR_STOPPING:
    default:
      *message = g_strdup (_("The collector is starting."));
      return STATE_STARTING;
    }
}

static const char *
state_title (State state)
{
  switch (state)
    {
    case STATE_LISTENING:
      return _("Listening");
    case STATE_OFF:
      return _("Off");
    case STATE_ERROR:
      return _("Not Listening");
    case STATE_STARTING:
    default:
      return _("Starting…");
    }
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static void
update_events (TallyCollectorIndicator *self)
{
  guint64 accepted = self->collector ? tally_collector_get_events_accepted (self->collector) : 0;
  guint64 rejected = self->collector ? tally_collector_get_events_rejected (self->collector) : 0;
  g_autofree char *accepted_count = format_count (accepted);
  g_autofree char *rejected_count = format_count (rejected);
  g_autofree char *accepted_text = NULL;
  g_autofree char *rejected_text = NULL;

  /* Translators: %s is a number of events */
  accepted_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s event received since Tally started",
                                                "%s events received since Tally started",
                                                accepted),
                                   accepted_count);
  gtk_label_set_label (self->events_label, accepted_text);
  gtk_widget_set_visible (GTK_WIDGET (self->events_label), self->collector != NULL);

  /* Translators: %s is a number of events */
  rejected_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s event was refused as invalid",
                                                "%s events were refused as invalid",
                                                rejected),
                                   rejected_count);
  gtk_label_set_label (self->rejected_label, rejected_text);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_label), rejected > 0);
}

static void
update (TallyCollectorIndicator *self)
{
  g_autofree char *message = NULL;
  g_autofree char *tooltip = NULL;
  const char *address = self->collector ? tally_collector_get_address (self->collector) : NULL;
  State state;

  if (self->application == NULL)
    return;

  state = describe_state (self, &message);
  g_clear_pointer (&self->url, g_free);
  if (state == STATE_LISTENING && address != NULL)
    self->url = g_strdup_printf ("http://%s/v1/events", address);

  gtk_menu_button_set_icon_name (self->button, state_icons[state]);
  if (state == STATE_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "error");

  if (self->url != NULL)
    /* Translators: %s is where the collector listens, such as 127.0.0.1:4318 */
    tooltip = g_strdup_printf (_("Collector: listening on %s"), address);
  else
    /* Translators: %s is the collector's state: Off, Not Listening, Starting… */
    tooltip = g_strdup_printf (_("Collector: %s"), state_title (state));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);

  gtk_label_set_label (self->state_label, state_title (state));
  gtk_label_set_label (self->message_label, message);
  gtk_label_set_label (self->url_label, self->url ? self->url : "");
  gtk_widget_set_visible (self->address_box, self->url != NULL);
  gtk_widget_set_visible (self->retry_button, state == STATE_ERROR && self->collector != NULL);
  update_events (self);
}

static void
set_collector (TallyCollectorIndicator *self,
               TallyCollector          *collector)
{
  if (self->collector == collector)
    return;

  if (self->collector != NULL)
    g_signal_handlers_disconnect_by_data (self->collector, self);
  g_set_object (&self->collector, collector);
  if (collector != NULL)
    {
      static const char *signals[] = {
        "notify::state", "notify::address", "notify::error-message",
        "notify::events-accepted", "notify::events-rejected",
      };

      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        g_signal_connect_object (collector, signals[i], G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
    }
}

static void
application_changed_cb (TallyCollectorIndicator *self)
{
  set_collector (self, tally_application_get_collector (self->application));
  update (self);
}

static void
copy_clicked_cb (TallyCollectorIndicator *self)
{
  if (self->url != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->url);
}

TallyApplication *
tally_collector_indicator_get_application (TallyCollectorIndicator *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR_INDICATOR (self), NULL);

  return self->application;
}

/* The application whose collector the indicator shows. */
void
tally_collector_indicator_set_application (TallyCollectorIndicator *self,
                                           TallyApplication        *application)
{
  g_return_if_fail (TALLY_IS_COLLECTOR_INDICATOR (self));
  g_return_if_fail (application == NULL || TALLY_IS_APPLICATION (application));

  if (self->application == application)
    return;

  if (self->application != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->application, self);
      g_signal_handlers_disconnect_by_data (tally_application_get_settings (self->application),
                                            self);
    }
  set_collector (self, NULL);
  g_set_object (&self->application, application);

  if (application != NULL)
    {
      g_signal_connect_object (application, "notify::collector",
                               G_CALLBACK (application_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (application, "notify::store-error",
                               G_CALLBACK (application_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tally_application_get_settings (application),
                               "changed::collector-enabled", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      application_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICATION]);
}

/* Where programs post events ("http://127.0.0.1:4318/v1/events"), or
 * NULL when the collector is not listening. */
const char *
tally_collector_indicator_get_url (TallyCollectorIndicator *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR_INDICATOR (self), NULL);

  return self->url;
}

static void
tally_collector_indicator_dispose (GObject *object)
{
  TallyCollectorIndicator *self = TALLY_COLLECTOR_INDICATOR (object);

  tally_collector_indicator_set_application (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_COLLECTOR_INDICATOR);

  G_OBJECT_CLASS (tally_collector_indicator_parent_class)->dispose (object);
}

static void
tally_collector_indicator_finalize (GObject *object)
{
  TallyCollectorIndicator *self = TALLY_COLLECTOR_INDICATOR (object);

  g_free (self->url);

  G_OBJECT_CLASS (tally_collector_indicator_parent_class)->finalize (object);
}

static void
tally_collector_indicator_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TallyCollectorIndicator *self = TALLY_COLLECTOR_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_collector_indicator_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TallyCollectorIndicator *self = TALLY_COLLECTOR_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      tally_collector_indicator_set_application (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_collector_indicator_class_init (TallyCollectorIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_collector_indicator_dispose;
  object_class->finalize = tally_collector_indicator_finalize;
  object_class->get_property = tally_collector_indicator_get_property;
  object_class->set_property = tally_collector_indicator_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, TALLY_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/tally-collector-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, message_label);
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, address_box);
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, url_label);
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, events_label);
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, TallyCollectorIndicator, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "collectorindicator");
}

static void
tally_collector_indicator_init (TallyCollectorIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
