import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Server

// Providers, defaults, fallbacks, appearance, the local server, tools and presets, one tab each.
Item {
    id: settingsPage

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    // The Tools tab's page (Settings → Tools), from a module above this one; the shell hands it in.
    property Component toolsPage: null

    signal done()
    property alias currentTab: tabs.currentIndex

    function focusTabs() {
        tabs.currentItem.forceActiveFocus(Qt.ShortcutFocusReason)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            Button {
                objectName: "settingsBackButton"
                text: qsTr("Back to chat")
                icon.source: Theme.icon("chevron-left")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                flat: true
                onClicked: settingsPage.done()
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Settings")
                font.pixelSize: 20
                font.weight: Font.DemiBold
                color: Theme.text
            }
        }

        TabBar {
            id: tabs
            objectName: "settingsTabs"
            Layout.fillWidth: true
            Accessible.name: qsTr("Settings pages")
            TabButton { text: qsTr("Providers") }
            TabButton { text: qsTr("Defaults") }
            TabButton { text: qsTr("Fallbacks") }
            TabButton { text: qsTr("Appearance") }
            TabButton { text: qsTr("Local server") }
            TabButton { objectName: "toolsTab"; text: qsTr("Tools") }
            TabButton { objectName: "presetsTab"; text: qsTr("Presets") }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex
            ProviderSettings { workbench: settingsPage.workbench }
            DefaultsSettings { workbench: settingsPage.workbench }
            FallbackPanel { workbench: settingsPage.workbench }
            AppearanceSettings { workbench: settingsPage.workbench }
            LocalServerSettings { server: settingsPage.workbench ? settingsPage.workbench.server : null }
            Loader {
                objectName: "toolsPageLoader"
                sourceComponent: settingsPage.toolsPage
            }
            PresetsSettings { workbench: settingsPage.workbench }
        }
    }
}
