#include "cd-contact-page.h"
struct _CdContactPage { AdwBin parent; AdwWindowTitle *title; gint64 id; CdRepository *repo; };
G_DEFINE_FINAL_TYPE (CdContactPage, cd_contact_page, ADW_TYPE_BIN)
static void cd_contact_page_class_init (CdContactPageClass *k) {}
static void cd_contact_page_init (CdContactPage *self) {
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *hb = adw_header_bar_new ();
  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("Stub", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (hb), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (box), hb);
  gtk_box_append (GTK_BOX (box), adw_status_page_new ());
  adw_bin_set_child (ADW_BIN (self), box);
}
GtkWidget *cd_contact_page_new (void) { return g_object_new (CD_TYPE_CONTACT_PAGE, NULL); }
void cd_contact_page_set_repository (CdContactPage *self, CdRepository *r) { self->repo = r; }
void cd_contact_page_load (CdContactPage *self, gint64 id) { self->id = id; }
gint64 cd_contact_page_get_contact_id (CdContactPage *self) { return self->id; }
const char *cd_contact_page_get_title (CdContactPage *self) { return "Stub"; }
const char *cd_contact_page_get_subtitle (CdContactPage *self) { return NULL; }
CdResourceState cd_contact_page_get_state (CdContactPage *self) { return CD_RESOURCE_LOADING; }
void cd_contact_page_set_show_back_button (CdContactPage *self, gboolean s) {}
