from mrdinfo.forms.models import FormField, FormPage


def make_contact_page(parent, to_address=""):
    page = FormPage(
        title="Contact us",
        slug="contact",
        summary="Send us a message.",
        intro="<p>Ask us anything about this site.</p>",
        thank_you_text="<p>We will reply by email.</p>",
        to_address=to_address,
        from_address="website@example.org" if to_address else "",
    )
    page.form_fields = [
        FormField(label="Your name", field_type="singleline", required=True, sort_order=0),
        FormField(
            label="Your email address",
            field_type="email",
            required=True,
            help_text="So we can reply.",
            sort_order=1,
        ),
        FormField(label="Your message", field_type="multiline", required=True, sort_order=2),
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
